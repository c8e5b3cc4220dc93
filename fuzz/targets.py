"""One fuzz target per parser: bytes in, and only the parser's own errors out.

A target turns the fuzzer's bytes into the parser's input and calls it; :func:`check` lets the
target's allowed error classes pass and lets anything else (``KeyError``, ``ValueError``,
``UnicodeEncodeError``, ``RecursionError`` ...) escape: a crash. The first byte of an input picks
the target's *mode* (its value modulo the number of modes), the rest is the input:

- a parsed text (a JWS, an SD-JWT, a disclosure, a ``PV1:``/``PV2:`` payload, a trust bundle,
  a backup file) as the outside world would hand it over;
- a JSON payload that the target **signs** with its fixed test key first, so that the fuzzer
  reaches the checks behind the signature (a forged signature never gets there).

Keys are fixed (derived from constants), so a signed seed in the corpus stays valid across runs.
Imported by ``fuzz/run.py`` (atheris) and ``tests/fuzz/test_targets.py`` (the corpus replayed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from crypto import (
    CryptoError,
    FixedClock,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SeededRandom,
    SigningKey,
    StatusList,
    VcPolicy,
    issue_sd_jwt_vc,
    sd,
    strict_json,
    verify_sd_jwt_vc,
    verify_status_list_token,
)
from crypto.algorithms import sign
from crypto.b64 import b64url_encode
from crypto.jws import check_typ, parse_compact
from crypto.qr_codec import decode_qr_payload
from crypto.sdjwt import Disclosure, split_sd_jwt
from crypto.sdjwt.key_binding import KB_JWT_TYP
from crypto.strict_json import loads
from verifier import inbound
from verifier.errors import VerifierError
from wallet import backup
from wallet.errors import WalletError

NOW = 1_800_000_000
ISSUER = "https://issuer.posvid.example"
STATUS_URI = f"{ISSUER}/status-lists/1"
AUD = "https://border.posvid.example"
NONCE = "bm9uY2Utbm9uY2Utbm9uY2U"
PASSPHRASE = "fuzzing passphrase"
VC_TYP = "dc+sd-jwt"
STATUS_TYP = "statuslist+jwt"


def fixed_key(secret: int, kid: str) -> SigningKey:
    """A P-256 key from a constant: the same in every run, so signed seeds stay valid."""
    return SigningKey.from_private_key(ec.derive_private_key(secret, ec.SECP256R1()), kid=kid)


ISSUER_KEY = fixed_key(0x1551E4, "1")
HOLDER_KEY = fixed_key(0x401DE4, "h")
OPERATOR_KEY = fixed_key(0x0BE4A704, "op")
TRUST = IssuerKeys({ISSUER: Jwks.of([ISSUER_KEY])})
POLICY = VcPolicy(KeyBindingExpectations(aud=AUD, nonce=NONCE))
#: for payloads signed here: no key binding, so the disclosures' checks are reached
SIGNED_POLICY = VcPolicy(None)
CLOCK = FixedClock(NOW)
RULES = inbound.BundleRules(max_age=30 * 86400, leeway=60)


def _held() -> str:
    """A credential of the holder, ready for a KB-JWT: the issuer JWT and two disclosures."""
    claims = {"given_name": sd("Олена"), "nationalities": [sd("UA")]}
    issued = issue_sd_jwt_vc(
        claims,
        issuer=ISSUER,
        vct="urn:ua:posvid:id-card:1",
        signing_key=ISSUER_KEY,
        holder_jwk=HOLDER_KEY.public_jwk(),
        iat=NOW - 60,
        rng=SeededRandom(1),
    )
    return issued.compact


HELD = _held()
HELD_HASH = b64url_encode(hashlib.sha256(HELD.encode()).digest())


def text_of(data: bytes) -> str:
    """The bytes as text: UTF-8 (lone surrogates kept, as JSON's ``\\ud800`` gives them)."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def signed(data: bytes, typ: str, key: SigningKey, sd_hash: str | None = None) -> str:
    """``data`` up to its first ``~``, as is, signed as a compact JWS payload (a signer may
    sign any bytes: duplicate names, ``\\ud800`` escapes, no JSON at all), and the rest
    appended (disclosures). With ``sd_hash``, a payload ``{...`` that names none gets this one
    (a KB-JWT's: the credential's ECDSA signature differs in every run, no seed can hold it)."""
    payload, tilde, rest = data.partition(b"~")
    if sd_hash is not None and payload.startswith(b"{") and b'"sd_hash"' not in payload:
        member = f'"sd_hash":"{sd_hash}"'.encode() + (b"," if payload[1:].strip() != b"}" else b"")
        payload = b"{" + member + payload[1:]
    header = strict_json.dumps({"alg": key.alg, "typ": typ, "kid": key.kid})
    signing_input = b64url_encode(header) + "." + b64url_encode(payload)
    signature = sign(key.alg, key.private_key, signing_input.encode("ascii"))
    return signing_input + "." + b64url_encode(signature) + tilde.decode() + text_of(rest)


# --- the targets --------------------------------------------------------------------------


def jws(data: bytes) -> None:
    """crypto/jws.py: a compact JWS, its ``typ``, its signature."""
    parsed = parse_compact(text_of(data))
    check_typ(parsed, (VC_TYP,), field="typ")
    parsed.verify_with(ISSUER_KEY.public_key)


def sd_jwt(data: bytes) -> None:
    """crypto/sdjwt (compact.py, disclosure.py and the verification behind them): a
    presentation; an issuer payload signed here; a KB-JWT payload signed here by the holder."""
    mode, rest = (data[0] % 3 if data else 0), data[1:]
    if mode == 0:
        verify_sd_jwt_vc(text_of(rest), keys=TRUST, policy=POLICY, clock=CLOCK)
        return
    if mode == 1:
        made = signed(rest, VC_TYP, ISSUER_KEY)
        verify_sd_jwt_vc(made, keys=TRUST, policy=SIGNED_POLICY, clock=CLOCK)
        return
    kb = signed(rest, KB_JWT_TYP, HOLDER_KEY, sd_hash=HELD_HASH)
    verify_sd_jwt_vc(HELD + kb, keys=TRUST, policy=POLICY, clock=CLOCK)


def disclosure(data: bytes) -> None:
    """crypto/sdjwt/disclosure.py: one disclosure (base64url of a JSON array)."""
    Disclosure.parse(text_of(data))


def status_list(data: bytes) -> None:
    """crypto/status_list.py: the ``status_list`` object, a token, a signed token's payload."""
    mode, rest = (data[0] % 3 if data else 0), data[1:]
    if mode == 0:
        StatusList.from_json(loads(rest, field="status_list"))
        return
    token = text_of(rest) if mode == 1 else signed(rest, STATUS_TYP, ISSUER_KEY)
    verify_status_list_token(token, keys=TRUST, expected_uri=STATUS_URI, clock=CLOCK)


def qr_codec(data: bytes) -> None:
    """crypto/qr_codec.py: a scanned QR code's text (``PV1:``, ``PV2:`` or a compact SD-JWT)."""
    split_sd_jwt(decode_qr_payload(text_of(data)))


def trust_bundle(data: bytes) -> None:
    """verifier/inbound.py: a signed trust bundle, its signed payload, a metadata file."""
    mode, rest = (data[0] % 3 if data else 0), data[1:]
    if mode == 2:
        entry = inbound.json_document(text_of(rest))
        inbound.issuer_entry(entry, "file:fuzz.json", NOW)
        return
    token = text_of(rest) if mode == 0 else signed(rest, inbound.BUNDLE_TYP, OPERATOR_KEY)
    _, entries = inbound.bundle_body(token, OPERATOR_KEY.public_jwk(), RULES, NOW)
    inbound.issuer_entries(entries, "bundle", NOW)


def wallet_backup(data: bytes) -> None:
    """wallet/backup.py: a backup file (read and decrypted), its decrypted content."""
    if data[:1] in (b"", b"\x00"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "wallet.posvid-backup"
            path.write_bytes(data[1:])
            backup.read(path, PASSPHRASE)
        return
    try:
        value = json.loads(data[1:])
    except (ValueError, RecursionError):
        return
    backup.WalletCopy.parse(value)


# --- the table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A parser under fuzzing and the errors it may raise."""

    name: str
    run: Callable[[bytes], None]
    allowed: tuple[type[Exception], ...]


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("jws", jws, (CryptoError,)),
        Target("sd_jwt", sd_jwt, (CryptoError,)),
        Target("disclosure", disclosure, (CryptoError,)),
        Target("status_list", status_list, (CryptoError,)),
        Target("qr_codec", qr_codec, (CryptoError,)),
        Target("trust_bundle", trust_bundle, (VerifierError,)),
        Target("wallet_backup", wallet_backup, (WalletError,)),
    )
}
CORPUS = Path(__file__).resolve().parent / "corpus"


def check(target: Target, data: bytes) -> None:
    """Run ``target`` on ``data``; its own errors are answers, anything else escapes (a crash)."""
    with contextlib.suppress(*target.allowed):
        target.run(data)


def corpus(name: str) -> list[Path]:
    """The checked-in seed files of a target, and the crashes kept as regressions."""
    return sorted(p for p in (CORPUS / name).iterdir() if p.is_file())
