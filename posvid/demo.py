"""The longest true story the landed code can tell, printed step by step.

Everything has landed: the crypto core, the QR transport, the issuer, the wallet
and the verifier. The demo starts the real issuer on loopback (SQLite in a
temporary folder, keys made on first run) and enrols a fictional citizen through
the admin API; her wallet (encrypted, PIN) collects a batch of credentials over
OpenID4VCI and shows QR codes; a border guard's verifier, which trusted the
issuer and synced its status list while online, scans the pictures and checks
them without network. The clerk takes her photo (one face found, framed, greyscale), so the
border code carries her portrait; the clerk also prints her a paper credential (for people
without a smartphone, or a day without it), which the guard reads as PAPER. Then a forgery, a
replay, a stale QR and a revocation are refused, the paper too.
"""

from __future__ import annotations

import io
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from crypto import FixedClock, SystemClock, encode_qr_payload
from crypto.b64 import b64url_encode
from issuer.samples import CITIZEN, CITIZEN_ID_CARD
from verifier.i18n import headline, verdict_word
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from wallet.service import Wallet, WalletSettings

from .common.qr_render import qr_version, render_png


def _sample_face() -> bytes | None:
    """A real photograph of a face a package ships (scikit-image's astronaut), as a JPEG."""
    try:
        from PIL import Image
        from skimage import data
    except ImportError:
        return None
    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, "JPEG", quality=90)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _step(number: int, text: str) -> None:
    print(f"\n[{number}] {text}", flush=True)


def _start_issuer(home: Path) -> tuple[str, Any, Any]:
    import uvicorn

    from issuer.api.app import create_app
    from issuer.service import IssuerService
    from issuer.settings import IssuerSettings

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    settings = IssuerSettings(
        home=home,
        public_url=base,
        key_passphrase=SecretStr("demo passphrase, not for real use"),
    )
    service = IssuerService(settings)
    server = uvicorn.Server(uvicorn.Config(create_app(service=service), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return base, service, server


def _say(verdict: Any) -> str:
    """The verdict as the officer's screen says it (English), with the disclosed claims."""
    word = verdict_word(verdict.verdict, "en")
    if verdict.answer.headline == "paper":  # a printed credential: the officer compares the face
        word = headline("paper", "en")
    claims = dict(verdict.claims or {})
    if isinstance(claims.get("portrait"), str):  # a picture, not text: its size only
        claims["portrait"] = f"<picture, {len(claims['portrait'])} characters>"
    shown = f" — {claims}" if verdict.verdict in ("valid", "paper") and claims else ""
    failed = f" (failed: {', '.join(verdict.failed)})" if verdict.failed else ""
    warnings = f" [{'; '.join(verdict.warnings)}]" if verdict.warnings else ""
    return f"{word}{failed}{shown}{warnings}"


def _show(number: int, text: str, presentation: str, folder: Path, name: str) -> bytes:
    payload = encode_qr_payload(presentation)
    png = folder / f"{name}.png"
    png.write_bytes(render_png(payload))
    _step(number, text)
    print(
        f"    QR: {len(payload)} characters, version {qr_version(payload, 'M')} at level M, {png}"
    )
    return png.read_bytes()


@dataclass
class _Story:
    """The people of the story and what they hold, act by act."""

    folder: Path
    base: str
    service: Any
    http: httpx.Client
    wallet: Wallet
    auth: dict[str, str] = field(default_factory=dict)
    document_id: str = ""
    phone: Any = None
    card_id: str = ""
    guard: Any = None
    paper_qr: bytes = b""

    def enrol(self) -> dict[str, Any]:
        _step(2, "A clerk enrols a fictional citizen and her ID card (admin API, checked rules)")
        token = self.service.create_admin_token("clerk", "demo desk")
        self.auth = {"Authorization": f"Bearer {token}"}
        person = self.http.post("/admin/persons", json=CITIZEN, headers=self.auth).json()
        latin = f"{person['family_name_latin']} {person['given_name_latin']}"
        print(f"    {person['family_name']} {person['given_name']} → {latin} (transliterated)")
        self._photograph(person["id"])
        documents = f"/admin/persons/{person['id']}/documents"
        self.document_id = self.http.post(
            documents, json=CITIZEN_ID_CARD, headers=self.auth
        ).json()["id"]
        offers = f"/admin/documents/{self.document_id}/offers"
        offer: dict[str, Any] = self.http.post(
            offers, params={"batch": 3}, headers=self.auth
        ).json()
        picture = self.folder / "offer.png"
        picture.write_bytes(render_png(offer["credential_offer_uri"], module_px=6))
        print(f"    offer QR {picture}, code {offer['tx_code']} (single use, 15 min)")
        return offer

    def _photograph(self, person_id: str) -> None:
        photo = _sample_face()
        if photo is None:
            print("    (no sample photo: scikit-image is not installed, so no portrait)")
            return
        answer = self.http.put(
            f"/admin/persons/{person_id}/portrait",
            content=photo,
            headers={**self.auth, "Content-Type": "image/jpeg"},
        )
        answer.raise_for_status()
        stored = answer.json()
        print(
            f"    her photo: one face found, framed to {stored['width']}×{stored['height']} "
            f"greyscale ({stored['png_bytes']} bytes kept); credentials carry a small WebP of it"
        )

    def paper(self) -> None:
        _step(7, "For a day without her phone the clerk prints her a paper credential (no key)")
        from issuer.paper import issue_paper
        from issuer.paper_pdf import paper_pdf, portrait_image

        printed = issue_paper(self.service, self.document_id, actor="demo")
        portrait = portrait_image(printed, self.service.portrait_png(printed.person_id))
        pdf = self.folder / "paper.pdf"
        pdf.write_bytes(paper_pdf(printed, portrait))
        payload = encode_qr_payload(printed.compact)
        self.paper_qr = render_png(payload, medium="paper")
        (self.folder / "paper-qr.png").write_bytes(self.paper_qr)
        version = qr_version(payload, "Q")
        print(f"    {pdf}: its QR {len(payload)} characters, version {version} at level Q")
        print(f"    → {_say(self.guard.check_image(self.paper_qr, offline=True))}")

    def collect(self, offer: dict[str, Any]) -> None:
        _step(3, "Her wallet (PIN, encrypted) collects a batch over OpenID4VCI, verifying each")
        self.wallet.init("246802")
        self.phone = self.wallet.unlock("246802")
        card = self.phone.accept(offer["credential_offer_uri"], offer["tx_code"], batch=3)
        self.card_id = card.id
        for config_id, count in card.unused_credentials.items():
            print(f"    {config_id}: {count} credential(s), each bound to its own device key")

    def trust(self) -> None:
        _step(4, "A border guard's verifier trusts the issuer and syncs its status list online")
        self.guard = Verifier(VerifierSettings(home=self.folder / "verifier"), http=self.http)
        trusted = self.guard.trust.add_url(self.http, self.base)
        print(f"    trusted for {len(trusted['vcts'])} document types; keys {trusted['keys']}")
        fetched = len(self.guard.sync()["fetched"])
        print(f"    status lists cached: {fetched}; from now on: no network")

    def show(self, number: int, text: str, preset: str) -> Any:
        shown = self.phone.present(self.card_id, preset=preset)
        picture = _show(number, text, shown.sd_jwt, self.folder, preset)
        print(f"    → {_say(self.guard.check_image(picture, offline=True))}")
        return shown

    def forge_and_replay(self, border: Any) -> None:
        _step(8, "A forger swaps in a disclosure of his own making")
        fresh = self.phone.present(self.card_id, preset="border")
        parts = fresh.sd_jwt.split("~")
        stranger = b64url_encode(b'["c2FsdHNhbHRzYWx0","given_name","Ivan"]')
        forged = "~".join([parts[0], stranger, *parts[2:]])
        print(f"    → {_say(self.guard.check(forged, offline=True))}")
        _step(9, "Someone shows the border QR code again, and later a screenshot of it")
        print(f"    again → {_say(self.guard.check(border.payload, offline=True))}")
        later = Verifier(
            VerifierSettings(home=self.folder / "verifier"),
            http=self.http,
            clock=FixedClock(SystemClock().now() + 240),
        )
        print(f"    4 minutes later → {_say(later.check(fresh.payload, offline=True))}")
        later.close()

    def revoke(self) -> None:
        _step(10, "The card is reported stolen: the clerk revokes it; the verifier syncs again")
        revoke = f"/admin/documents/{self.document_id}/revoke"
        revoked = self.http.post(revoke, headers=self.auth).json()
        print(f"    {revoked['credentials']} credential(s) revoked with the document")
        self.guard.sync()
        shown_again = self.phone.present(self.card_id, preset="age18")
        print(f"    → {_say(self.guard.check(shown_again.payload, offline=True))}")
        if self.paper_qr:
            paper = self.guard.check_image(self.paper_qr, offline=True)
            print(f"    the paper printed from it → {_say(paper)}")
        print(f"    her wallet's own status check: {self.phone.status()[0].status}")
        print(
            f"    her history, hers alone: {len(self.phone.history())} presentations; "
            f"the guard's audit chain: {self.guard.audit.verify()} entries, no personal data"
        )


def run() -> None:
    """Run the demo story and print every step."""
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="posvid-demo-"))
    _step(1, "The migration service's issuer starts on loopback; its first signing key is made")
    base, service, server = _start_issuer(folder / "issuer")
    http = httpx.Client(base_url=base, timeout=30)
    jwks_doc = http.get("/.well-known/jwt-vc-issuer").json()
    print(f"    issuer {base}, keys {[k['kid'] for k in jwks_doc['jwks']['keys']]}")
    # a throw-away wallet: no device secret left behind in the user's own keystore
    wallet = Wallet(WalletSettings(home=folder / "wallet", keystore=False), http=http)
    story = _Story(folder, base, service, http, wallet)
    try:
        story.collect(story.enrol())
        story.trust()
        border = story.show(
            5, "At the border she shows the border preset (its smallest credential)", "border"
        )
        story.show(6, 'At a shop she proves only "18 or over" (age preset)', "age18")
        story.paper()
        story.forge_and_replay(border)
        story.revoke()
    finally:
        if story.guard is not None:
            story.guard.close()
        story.wallet.close()
        http.close()
        server.should_exit = True
    print(f"\nDone in {time.perf_counter() - started:.1f} s. Files in {folder}")
