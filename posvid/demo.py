"""The longest true story the landed code can tell, printed step by step.

Today (crypto core and QR transport landed): an issuer signs an ID card
credential, a wallet presents only the claims a border guard needs with key
binding and shows it as a QR code, a verifier scans the picture and checks it
offline against the issuer's published keys and status list, then sees a
forgery, a stale presentation and a revocation refused. All in one process: the
issuer, wallet and verifier services arrive with their own issues.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from crypto import (
    STATUS_INVALID,
    CryptoError,
    FixedClock,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SigningKey,
    StatusList,
    StatusReference,
    VcPolicy,
    decode_qr_payload,
    encode_qr_payload,
    issue_sd_jwt_vc,
    issue_status_list_token,
    present,
    public_jwk,
    sd,
    verify_sd_jwt_vc,
    verify_status_list_token,
)
from crypto.b64 import b64url_encode

from .qr_render import qr_version, render_png
from .qr_scan import scan_image

ISSUER = "https://dmsu.posvid.example"
STATUS_URI = ISSUER + "/status/1"
OFFLINE_AUDIENCE = "urn:posvid:offline"
BORDER_CLAIMS = (
    "family_name",
    "given_name",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "document_number",
    "nationality",
    "expiry_date",
)

# An obviously fictional citizen; birth date consistent across УНЗР and РНОКПП.
SAMPLE_ID_CARD = {
    "family_name": "Коваленко",
    "given_name": "Олена",
    "patronymic": "Петрівна",
    "family_name_latin": "Kovalenko",
    "given_name_latin": "Olena",
    "birth_date": "1990-03-15",
    "birth_place": "м. Вінниця",
    "sex": "F",
    "nationality": "UKR",
    "document_number": "004512345",
    "record_number": "19900315-01234",
    "tax_number": "3294601242",
    "issuing_authority": "0512",
    "issue_date": "2020-06-01",
    "expiry_date": "2030-06-01",
}


def _step(number: int, text: str) -> None:
    print(f"\n[{number}] {text}")


def _verify(presentation: str, keys: IssuerKeys, status_token: str, clock: FixedClock) -> str:
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE_AUDIENCE))
    try:
        credential = verify_sd_jwt_vc(presentation, keys=keys, policy=policy, clock=clock)
        assert credential.status is not None  # noqa: S101 - the demo's issuer always sets it
        status_list = verify_status_list_token(
            status_token, keys=keys, expected_uri=credential.status.uri, clock=clock
        )
    except CryptoError as exc:
        return f"REFUSED ({exc.code}): {exc.message}"
    if status_list.status_of(credential.status) != 0:
        return "REVOKED"
    shown = {k: v for k, v in credential.claims.items() if k in BORDER_CLAIMS}
    return f"VALID — {shown}"


def run() -> None:
    """Run the demo story and print every step."""
    clock = FixedClock(int(time.time()))
    started = time.perf_counter()

    _step(1, "Issuer (migration service) generates its ES256 signing key and publishes its JWKS")
    issuer_key = SigningKey.generate("ES256")
    jwks = Jwks.of([issuer_key])
    print(f"    kid (RFC 7638 thumbprint): {issuer_key.kid}")

    _step(2, "Wallet generates a device-bound holder key (P-256)")
    holder_key = SigningKey.generate("ES256")
    print(f"    holder key thumbprint: {holder_key.kid}")

    _step(
        3, "Issuer signs the ID card as an SD-JWT VC (every personal claim selectively disclosable)"
    )
    status_list = StatusList(size=1024, bits=2)
    index = secrets.randbelow(status_list.size)
    claims = {name: sd(value) for name, value in SAMPLE_ID_CARD.items()}
    credential = issue_sd_jwt_vc(
        claims,
        issuer=ISSUER,
        vct="urn:ua:posvid:id-card:1",
        signing_key=issuer_key,
        holder_jwk=public_jwk(holder_key.private_key),
        iat=clock.now(),
        exp=clock.now() + 365 * 86400,
        status=StatusReference(index, STATUS_URI),
    )
    print(f"    {len(credential.disclosures)} disclosures, {len(credential.compact)} characters")
    status_token = issue_status_list_token(
        status_list,
        uri=STATUS_URI,
        issuer=ISSUER,
        signing_key=issuer_key,
        iat=clock.now(),
        exp=clock.now() + 86400,
        ttl=3600,
    )
    print(f"    status list: {status_list.size} entries, this credential at index {index}")

    _step(4, "Wallet presents only the border claims, key-bound for offline use, as a QR code")
    nonce = b64url_encode(secrets.token_bytes(16))
    presentation = present(
        credential.compact,
        disclose=BORDER_CLAIMS,
        holder_key=holder_key,
        aud=OFFLINE_AUDIENCE,
        nonce=nonce,
        iat=clock.now(),
    )
    payload = encode_qr_payload(presentation)
    png = Path(tempfile.mkdtemp(prefix="posvid-demo-")) / "presentation.png"
    png.write_bytes(render_png(payload))
    print(f"    presentation: {len(presentation)} characters, 8 of 15 claims disclosed")
    print(
        f"    QR payload: {len(payload)} characters (PV1), version {qr_version(payload, 'M')} at M"
    )
    print(f"    QR code written to {png}")

    keys = IssuerKeys({ISSUER: jwks})
    _step(5, "Verifier scans the picture and checks it offline: key, disclosures, binding, status")
    scan = scan_image(png.read_bytes())
    print(f"    read by {scan.decoder}; {len(scan.payloads)} code(s) in the picture")
    scanned = decode_qr_payload(scan.payloads[0])
    print(f"    {_verify(scanned, keys, status_token, clock)}")

    _step(6, "A forger swaps a disclosure for one of their own making")
    forged_disclosure = b64url_encode(b'["c2FsdHNhbHRzYWx0","given_name","Ivan"]')
    parts = presentation.split("~")
    forged = "~".join([parts[0], forged_disclosure, *parts[2:]])
    print(f"    {_verify(forged, keys, status_token, clock)}")

    _step(7, "The same QR shown 181 seconds later")
    clock.advance(181)
    print(f"    {_verify(presentation, keys, status_token, clock)}")
    clock.advance(-181)

    _step(8, "Issuer revokes the document and republishes its status list")
    status_list[index] = STATUS_INVALID
    status_token = issue_status_list_token(
        status_list,
        uri=STATUS_URI,
        issuer=ISSUER,
        signing_key=issuer_key,
        iat=clock.now(),
        exp=clock.now() + 86400,
        ttl=3600,
    )
    print(f"    {_verify(presentation, keys, status_token, clock)}")

    print(f"\nDone in {(time.perf_counter() - started) * 1000:.0f} ms, without any network.")
