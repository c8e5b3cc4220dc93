"""The wallet's domain core: PIN, store, receive, present, history, status, backup.

Called by the CLI and the local web page; it imports neither.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx
from cryptography.hazmat.primitives import serialization
from sqlalchemy import func, select

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    Clock,
    CryptoError,
    IssuerKeys,
    Jwks,
    PresentationRequest,
    SigningKey,
    SystemClock,
    encode_qr_payload,
    present,
    verify_status_list_token,
)
from crypto.b64 import b64url_encode
from crypto.sdjwt import DisclosureMap
from posvid.common.vocabulary import BORDER_CLAIMS, OFFLINE_AUDIENCE

from . import backup as backup_file
from .client import IssuanceClient
from .errors import (
    AlreadyInitialised,
    LockedOut,
    NoCredential,
    NotInitialised,
    OfferError,
    RequestError,
    WalletError,
    WrongPin,
)
from .storage.db import make_engine, migrate, session_factory
from .storage.models import CachedDocument, Card, CredentialRecord, HistoryEntry, VaultRecord
from .vault import KdfParams, Sealer, unwrap_key, wrap_key

QR_LIFETIME: Final = 180
FREE_ATTEMPTS: Final = 3
PRESETS: Final = {"border": BORDER_CLAIMS, "age18": ("age_equal_or_over.18",)}
REGISTERED: Final = ("iss", "iat", "nbf", "exp", "cnf", "vct", "status")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Presentation:
    """A presentation ready to show: the QR text, what it discloses, until when."""

    payload: str
    sd_jwt: str
    audience: str
    nonce: str
    claims: list[str]
    expires_at: int
    credential_id: str
    warnings: list[str] = field(default_factory=list)


class Wallet:
    """A wallet folder. Locked until :meth:`unlock` gets the right PIN."""

    def __init__(
        self, home: Path, *, clock: Clock | None = None, http: httpx.Client | None = None
    ) -> None:
        self.home = home
        self.clock = clock or SystemClock()
        self.http = http
        home.mkdir(parents=True, exist_ok=True)
        os.chmod(home, 0o700)
        self.engine = make_engine(home / "wallet.db")
        migrate(self.engine)
        self.sessions = session_factory(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def initialised(self) -> bool:
        with self.sessions() as session:
            return session.get(VaultRecord, 1) is not None

    def init(self, pin: str) -> None:
        """Create the vault: a random data key, wrapped under the PIN."""
        _check_pin(pin)
        params = KdfParams(os.urandom(16))
        data_key = os.urandom(32)
        with self.sessions.begin() as session:
            if session.get(VaultRecord, 1) is not None:
                raise AlreadyInitialised("this wallet already exists")
            session.add(
                VaultRecord(
                    id=1,
                    salt=params.salt,
                    kdf_n=params.n,
                    wrapped_key=wrap_key(data_key, pin, params),
                    failed_attempts=0,
                    locked_until=0.0,
                )
            )

    def unlock(self, pin: str) -> UnlockedWallet:
        """Open the wallet; wrong PINs beyond the first three are slowed down, persistently."""
        failure: WrongPin | None = None
        with self.sessions.begin() as session:
            vault = session.get(VaultRecord, 1)
            if vault is None:
                raise NotInitialised("no wallet here yet: run posvid-wallet init")
            wait = vault.locked_until - time.time()
            if wait > 0:
                raise LockedOut(int(wait) + 1)
            try:
                data_key = unwrap_key(vault.wrapped_key, pin, KdfParams(vault.salt, vault.kdf_n))
            except WrongPin:
                vault.failed_attempts += 1
                over = vault.failed_attempts - FREE_ATTEMPTS
                if over > 0:  # 2 s after the 4th wrong PIN, doubling, at most an hour
                    vault.locked_until = time.time() + min(2**over, 3600)
                failure = WrongPin(f"wrong PIN ({vault.failed_attempts} wrong in a row)")
            else:
                vault.failed_attempts = 0
                vault.locked_until = 0.0
        if failure is not None:
            raise failure
        return UnlockedWallet(self, Sealer(data_key), data_key)


def _check_pin(pin: str) -> None:
    if not isinstance(pin, str) or len(pin) < 4:
        raise WalletError("the PIN needs at least 4 characters", field="pin")


class UnlockedWallet:
    """The wallet with its data key in memory."""

    def __init__(self, wallet: Wallet, sealer: Sealer, data_key: bytes) -> None:
        self.wallet = wallet
        self.sealer = sealer
        self._data_key = data_key

    @property
    def sessions(self) -> Any:
        return self.wallet.sessions

    def _http(self) -> httpx.Client:
        return self.wallet.http or httpx.Client(timeout=20, follow_redirects=False)

    def change_pin(self, new_pin: str) -> None:
        """Re-wrap the data key under a new PIN: one write, nothing re-encrypted half-way."""
        _check_pin(new_pin)
        params = KdfParams(os.urandom(16))
        with self.sessions.begin() as session:
            vault = session.get(VaultRecord, 1)
            vault.salt, vault.kdf_n = params.salt, params.n
            vault.wrapped_key = wrap_key(self._data_key, new_pin, params)

    # --- receive ------------------------------------------------------------------------

    def accept(self, offer: str, tx_code: str | None = None, *, batch: int = 5) -> dict[str, Any]:
        """Collect an offer's credentials, verify every one, keep them all or none."""
        if not offer.startswith("openid-credential-offer://") and Path(offer).is_file():
            from posvid.common.qr_scan import scan_image

            scan = scan_image(Path(offer).read_bytes())
            offers = [p for p in scan.payloads if p.startswith("openid-credential-offer://")]
            if not offers:
                raise OfferError("no credential offer QR code in this picture")
            offer = offers[0]
        collected = IssuanceClient(self._http()).collect(offer, tx_code, batch=batch)
        if not collected.credentials:
            raise OfferError("the offer gave no credentials")
        full = max(collected.credentials, key=lambda r: len(r.claims))
        doc_type = full.config_id
        card_id = str(uuid.uuid4())
        names = _display_names(collected.type_metadata.get(full.vct, {}))
        content = {"claims": full.claims, "names": names, "type_metadata": collected.type_metadata}
        with self.sessions.begin() as session:
            session.add(
                Card(
                    id=card_id,
                    issuer=collected.issuer,
                    doc_type=doc_type,
                    created_at=_now(),
                    sealed=self.sealer.seal("card", card_id, content),
                )
            )
            for item in collected.credentials:
                credential_id = str(uuid.uuid4())
                pem = item.holder.private_key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                ).decode()  # sealed below, never stored in the clear
                session.add(
                    CredentialRecord(
                        id=credential_id,
                        card_id=card_id,
                        vct=item.vct,
                        config_id=item.config_id,
                        disclosable=item.disclosable,
                        expires_at=item.expires_at,
                        used_at=None,
                        sealed=self.sealer.seal(
                            "credential",
                            credential_id,
                            {"sd_jwt": item.sd_jwt, "holder_key_pem": pem},
                        ),
                    )
                )
            self._cache(session, f"jwks:{collected.issuer}", collected.jwks)
        return self.card_summary(card_id)

    def _cache(self, session: Any, key: str, body: Any) -> None:
        import json

        record = session.get(CachedDocument, key)
        text = body if isinstance(body, str) else json.dumps(body)
        if record is None:
            session.add(CachedDocument(url=key, body=text, fetched_at=int(time.time())))
        else:
            record.body, record.fetched_at = text, int(time.time())

    # --- read ---------------------------------------------------------------------------

    def _card(self, session: Any, card_id: str) -> Card:
        matches = session.scalars(select(Card).where(Card.id.startswith(card_id))).all()
        if len(matches) != 1:
            raise NoCredential("no such document" if not matches else "that id prefix is ambiguous")
        return matches[0]  # type: ignore[no-any-return]

    def card_summary(self, card_id: str) -> dict[str, Any]:
        """What ``list`` shows for one document."""
        with self.sessions() as session:
            card = self._card(session, card_id)
            content = self.sealer.open("card", card.id, card.sealed)
            now = self.wallet.clock.now()
            rows = session.execute(
                select(
                    CredentialRecord.config_id, func.count(), func.max(CredentialRecord.expires_at)
                )
                .where(
                    CredentialRecord.card_id == card.id,
                    CredentialRecord.used_at.is_(None),
                    CredentialRecord.expires_at > now,
                )
                .group_by(CredentialRecord.config_id)
            ).all()
            expiry = session.scalar(
                select(func.max(CredentialRecord.expires_at)).where(
                    CredentialRecord.card_id == card.id
                )
            )
            status = session.get(CachedDocument, f"status:{card.id}")
        return {
            "id": card.id,
            "issuer": card.issuer,
            "type": card.doc_type,
            "vct": f"urn:ua:posvid:{card.doc_type}:1",
            "display_name": content["names"],
            "expires_at": dt.datetime.fromtimestamp(expiry or 0, dt.UTC).isoformat(),
            "status": status.body if status else "unknown",
            "unused_credentials": {config: count for config, count, _ in rows},
        }

    def cards(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            ids = list(session.scalars(select(Card.id).order_by(Card.created_at)))
        return [self.card_summary(i) for i in ids]

    def show(self, card_id: str, lang: str = "uk") -> dict[str, Any]:
        """The document's claims with their labels in ``lang``."""
        with self.sessions() as session:
            card = self._card(session, card_id)
            content = self.sealer.open("card", card.id, card.sealed)
        labels = _labels(content["type_metadata"], lang)
        return {
            **self.card_summary(card.id),
            "claims": [
                {"name": k, "label": labels.get(k, k), "value": v}
                for k, v in content["claims"].items()
            ],
        }

    # --- present ------------------------------------------------------------------------

    def present(
        self,
        card_id: str,
        *,
        disclose: list[str] | None = None,
        preset: str | None = None,
        request: str | None = None,
        renew: str | None = None,
    ) -> Presentation:
        """Present the smallest unused credential that covers what is asked, as a QR payload.

        ``renew`` names the credential of a QR still on screen: its renewal (a fresh nonce
        and time, before the 180 s run out) uses the same credential and is not a new
        entry in the history — the same showing goes on.
        """
        now = self.wallet.clock.now()
        asked: PresentationRequest | None = None
        if request is not None:
            try:
                asked = PresentationRequest.decode(request)
            except CryptoError as exc:
                raise RequestError(f"the verifier's request is unreadable: {exc.message}") from None
            if asked.exp < now:
                raise RequestError("the verifier's request has expired: ask for a new one")
            wanted = list(asked.claims)
        elif preset is not None:
            wanted = self._preset(card_id, preset)
        elif disclose:
            wanted = disclose
        else:
            raise WalletError("say what to disclose: claim names, a preset or a request")
        with self.sessions() as session:
            card = self._card(session, card_id)
            candidates = session.scalars(
                select(CredentialRecord)
                .where(CredentialRecord.card_id == card.id, CredentialRecord.expires_at > now)
                .order_by(
                    CredentialRecord.used_at.is_not(None),
                    CredentialRecord.disclosable,
                    CredentialRecord.used_at,
                )
            ).all()
        if renew is not None:
            candidates = [r for r in candidates if r.id == renew] or candidates
        chosen = None
        for record in candidates:
            secret = self.sealer.open("credential", record.id, record.sealed)
            paths = DisclosureMap.of(secret["sd_jwt"]).paths()
            dotted = {".".join(map(str, p)) for p in paths}
            if all(w in dotted for w in wanted):
                chosen = (record, secret)
                break
        if chosen is None:
            raise NoCredential(
                "no valid credential of this document holds all of: " + ", ".join(wanted)
            )
        record, secret = chosen
        renewing = record.id == renew
        warnings = []
        if record.used_at is not None and not renewing:
            warnings.append(
                "every credential of this batch was used before: verifiers could link "
                "this presentation to an earlier one; collect a new batch"
            )
        if any(w.split(".")[0] == "portrait" for w in wanted):
            warnings.append("the portrait is disclosed")
        audience = asked.aud if asked else OFFLINE_AUDIENCE
        nonce = asked.nonce if asked else b64url_encode(secrets.token_bytes(16))
        holder = SigningKey.from_private_key(
            serialization.load_pem_private_key(secret["holder_key_pem"].encode(), None)  # type: ignore[arg-type]
        )
        sd_jwt = present(
            secret["sd_jwt"], disclose=wanted, holder_key=holder, aud=audience, nonce=nonce, iat=now
        )
        expires = min(now + QR_LIFETIME, asked.exp) if asked else now + QR_LIFETIME
        entry_id = str(uuid.uuid4())
        with self.sessions.begin() as session:
            stored = session.get(CredentialRecord, record.id)
            stored.used_at = _now()
            if renewing:  # the same showing goes on: no new history entry
                session.flush()
            else:
                self._record(session, entry_id, card, record, wanted, audience if asked else None)
        return Presentation(
            encode_qr_payload(sd_jwt), sd_jwt, audience, nonce, wanted, expires, record.id, warnings
        )

    def _record(
        self,
        session: Any,
        entry_id: str,
        card: Card,
        record: CredentialRecord,
        claims: list[str],
        audience: str | None,
    ) -> None:
        """One history entry, sealed: the holder's record alone."""
        entry = {
            "card_id": card.id,
            "type": card.doc_type,
            "vct": record.vct,
            "claims": claims,
            "audience": audience,
            "credential_id": record.id,
        }
        session.add(
            HistoryEntry(
                id=entry_id, at=_now(), sealed=self.sealer.seal("history", entry_id, entry)
            )
        )

    def _preset(self, card_id: str, preset: str) -> list[str]:
        if preset in PRESETS:
            return list(PRESETS[preset])
        if preset == "full":
            with self.sessions() as session:
                card = self._card(session, card_id)
                content = self.sealer.open("card", card.id, card.sealed)
            return [k for k in content["claims"] if k not in REGISTERED]
        raise WalletError(f"unknown preset {preset!r}: border, age18 or full", field="preset")

    def history(self) -> list[dict[str, Any]]:
        """Every presentation, newest first: the holder's record alone."""
        with self.sessions() as session:
            entries = session.scalars(select(HistoryEntry).order_by(HistoryEntry.at.desc())).all()
            return [
                {"id": e.id, "at": e.at.isoformat(), **self.sealer.open("history", e.id, e.sealed)}
                for e in entries
            ]

    # --- keep ---------------------------------------------------------------------------

    def status(self) -> list[dict[str, Any]]:
        """Check every document against its issuer's status lists (online)."""
        import json

        results = []
        client = IssuanceClient(self._http())
        with self.sessions() as session:
            cards = session.scalars(select(Card)).all()
            for card in cards:
                cached = session.get(CachedDocument, f"jwks:{card.issuer}")
                records = session.scalars(
                    select(CredentialRecord).where(CredentialRecord.card_id == card.id)
                ).all()
                secrets_ = [self.sealer.open("credential", r.id, r.sealed) for r in records]
                results.append((card, cached, secrets_))
        out = []
        for card, cached, secrets_ in results:
            verdict = "unknown"
            try:
                keys = IssuerKeys({card.issuer: Jwks.from_dict(json.loads(cached.body)["jwks"])})
                statuses = set()
                for secret in secrets_:
                    reference = _status_reference(secret["sd_jwt"])
                    token = client.fetch_text(reference.uri)
                    verified = verify_status_list_token(
                        token, keys=keys, expected_uri=reference.uri, clock=self.wallet.clock
                    )
                    statuses.add(verified.status_of(reference))
                verdict = (
                    "revoked"
                    if STATUS_INVALID in statuses
                    else "suspended"
                    if STATUS_SUSPENDED in statuses
                    else "valid"
                )
            except (CryptoError, OfferError, AttributeError, KeyError, ValueError) as exc:
                verdict = "unknown"
                reason = getattr(exc, "message", type(exc).__name__)
                out.append(
                    {"id": card.id, "type": card.doc_type, "status": verdict, "reason": reason}
                )
                continue
            with self.sessions.begin() as session:
                self._cache(session, f"status:{card.id}", verdict)
            out.append({"id": card.id, "type": card.doc_type, "status": verdict})
        return out

    def export_backup(self, path: Path, passphrase: str) -> int:
        """Write every document, key and history entry, encrypted under ``passphrase``."""
        with self.sessions() as session:
            data = {
                "cards": [
                    {
                        "id": c.id,
                        "issuer": c.issuer,
                        "doc_type": c.doc_type,
                        "created_at": c.created_at.isoformat(),
                        "content": self.sealer.open("card", c.id, c.sealed),
                    }
                    for c in session.scalars(select(Card))
                ],
                "credentials": [
                    {
                        "id": r.id,
                        "card_id": r.card_id,
                        "vct": r.vct,
                        "config_id": r.config_id,
                        "disclosable": r.disclosable,
                        "expires_at": r.expires_at,
                        "used_at": r.used_at.isoformat() if r.used_at else None,
                        "secret": self.sealer.open("credential", r.id, r.sealed),
                    }
                    for r in session.scalars(select(CredentialRecord))
                ],
                "history": [
                    {
                        "id": h.id,
                        "at": h.at.isoformat(),
                        "entry": self.sealer.open("history", h.id, h.sealed),
                    }
                    for h in session.scalars(select(HistoryEntry))
                ],
            }
        backup_file.write(path, data, passphrase)
        return len(data["cards"])

    def import_backup(self, path: Path, passphrase: str) -> int:
        """Restore a backup into this wallet, all of it or nothing."""
        data = backup_file.read(path, passphrase)
        count = 0
        with self.sessions.begin() as session:
            for c in data["cards"]:
                if session.get(Card, c["id"]) is not None:
                    continue
                count += 1
                session.add(
                    Card(
                        id=c["id"],
                        issuer=c["issuer"],
                        doc_type=c["doc_type"],
                        created_at=dt.datetime.fromisoformat(c["created_at"]),
                        sealed=self.sealer.seal("card", c["id"], c["content"]),
                    )
                )
            for r in data["credentials"]:
                if session.get(CredentialRecord, r["id"]) is None:
                    session.add(
                        CredentialRecord(
                            id=r["id"],
                            card_id=r["card_id"],
                            vct=r["vct"],
                            config_id=r["config_id"],
                            disclosable=r["disclosable"],
                            expires_at=r["expires_at"],
                            used_at=dt.datetime.fromisoformat(r["used_at"])
                            if r["used_at"]
                            else None,
                            sealed=self.sealer.seal("credential", r["id"], r["secret"]),
                        )
                    )
            for h in data["history"]:
                if session.get(HistoryEntry, h["id"]) is None:
                    session.add(
                        HistoryEntry(
                            id=h["id"],
                            at=dt.datetime.fromisoformat(h["at"]),
                            sealed=self.sealer.seal("history", h["id"], h["entry"]),
                        )
                    )
        return count


def _status_reference(sd_jwt: str) -> Any:
    from crypto import StatusReference
    from crypto.jws import parse_compact

    payload = parse_compact(sd_jwt.split("~")[0]).payload
    return StatusReference.from_claim(payload.get("status"))


def _display_names(metadata: dict[str, Any]) -> dict[str, str]:
    return {
        d.get("locale", ""): d.get("name", "")
        for d in metadata.get("display", [])
        if isinstance(d, dict)
    }


def _labels(type_metadata: dict[str, Any], lang: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for metadata in type_metadata.values():
        for claim in metadata.get("claims", []):
            path = claim.get("path", [])
            for display in claim.get("display", []):
                if display.get("locale") == lang and len(path) == 1:
                    labels.setdefault(path[0], display.get("label", path[0]))
    return labels
