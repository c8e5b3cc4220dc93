"""QR sizes of real presentations: what each credential-profile choice costs in QR versions.

Writes the table to docs/qr-sizes.md so the issuer and wallet issues can follow it.
Each cell is the largest version over several presentations (salts and signatures
differ), because the wallet must fit its worst case, not its average.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crypto import (
    SeededRandom,
    SigningKey,
    StatusReference,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    sd,
)
from crypto.qr_codec import encode_qr_payload
from issuer.samples import CITIZEN_CLAIMS
from posvid.common.errors import QrTooLarge
from posvid.common.qr_render import Level, qr_version
from posvid.common.vocabulary import BORDER_CLAIMS, OFFLINE_AUDIENCE

DOC = Path(__file__).resolve().parents[1] / "docs" / "qr-sizes.md"
NOW = 1_800_000_000
SAMPLES = 5

PERSON: dict[str, Any] = CITIZEN_CLAIMS
AGES = {"14": True, "16": True, "18": True, "21": True, "65": False}
BORDER = BORDER_CLAIMS


@dataclass(frozen=True)
class Choices:
    """One way of issuing and presenting."""

    kid: str | None = None  # None: the 43-character RFC 7638 thumbprint
    issuer: str = "https://dmsu.gov.ua/posvid/issuer"
    vct_prefix: str = "urn:ua:posvid:"
    status_uri: str = "https://dmsu.gov.ua/posvid/status/1"
    holder_alg: str = "ES256"
    decoys: int = 0


LONG = Choices()
SHORT = Choices(
    kid="1",
    issuer="https://dmsu.gov.ua",
    vct_prefix="ua:",
    status_uri="https://dmsu.gov.ua/s/1",
    holder_alg="EdDSA",
)


def _credential(kind: str, choice: Choices, seed: int) -> tuple[str, SigningKey]:
    issuer_key = SigningKey.generate("ES256", kid=choice.kid)
    holder = SigningKey.generate(choice.holder_alg)
    ages = {k: sd(v) for k, v in AGES.items()}
    if kind == "id-card":
        claims: dict[str, Any] = {k: sd(v) for k, v in PERSON.items()}
        claims["age_equal_or_over"] = ages
    elif kind == "border":
        claims = {k: sd(PERSON[k]) for k in BORDER}
    else:
        claims = {"age_equal_or_over": ages}
    issued = issue_sd_jwt_vc(
        claims,
        issuer=choice.issuer,
        vct=f"{choice.vct_prefix}{kind}:1",
        signing_key=issuer_key,
        holder_jwk=public_jwk(holder.private_key),
        iat=NOW,
        exp=NOW + 90 * 86400,
        status=StatusReference(734_112 + seed, choice.status_uri),
        decoys=choice.decoys,
        rng=SeededRandom(seed),
    )
    return issued.compact, holder


def _presentation(kind: str, disclose: tuple[str, ...], choice: Choices, seed: int) -> str:
    compact, holder = _credential(kind, choice, seed)
    nonce = "bm9uY2Utbm9uY2Utbm9uY2U"  # 22 characters: 128 bits, as the one-way mode requires
    return present(
        compact,
        disclose=disclose,
        holder_key=holder,
        aud=OFFLINE_AUDIENCE,
        nonce=nonce,
        iat=NOW,
    )


TOO_LARGE = 41  # shown as "—": does not fit in any QR version


def _version(text: str, level: Level) -> int:
    try:
        return qr_version(text, level)
    except QrTooLarge:
        return TOO_LARGE


def _worst(texts: list[str], level: Level) -> int:
    return max(_version(t, level) for t in texts)


def _cell(version: int) -> str:
    return "—" if version == TOO_LARGE else str(version)


@dataclass(frozen=True)
class Row:
    label: str
    chars: int
    versions: dict[str, int]


def _row(label: str, make: Callable[[int], str], encode: bool) -> Row:
    texts = [make(seed) for seed in range(SAMPLES)]
    if encode:
        version = 2 if "PV2" in label else 1
        texts = [encode_qr_payload(t, version=version) for t in texts]
    levels: tuple[Level, ...] = ("L", "M", "Q")
    return Row(label, max(map(len, texts)), {lv: _worst(texts, lv) for lv in levels})


def measure() -> tuple[list[Row], dict[str, float]]:
    """Build the presentations, measure them, and return the rows and the headline figures."""
    rows: list[Row] = []
    age = ("age_equal_or_over.18",)

    def add(
        label: str, kind: str, disclose: tuple[str, ...], choice: Choices, encode: bool = True
    ) -> Row:
        row = _row(label, lambda s: _presentation(kind, disclose, choice, s), encode)
        rows.append(row)
        return row

    add("ID card, border claims, plain compact text", "id-card", BORDER, LONG, encode=False)
    add("ID card, border claims, PV1", "id-card", BORDER, LONG)
    add(
        "ID card + 3 decoys per object, border claims, PV1",
        "id-card",
        BORDER,
        replace(LONG, decoys=3),
    )
    add("border profile, plain compact text", "border", BORDER, LONG, encode=False)
    add("border profile, PV1, long identifiers", "border", BORDER, LONG)
    add("border profile, PV1, kid '1'", "border", BORDER, replace(LONG, kid="1"))
    short_ids = replace(
        LONG, issuer=SHORT.issuer, vct_prefix=SHORT.vct_prefix, status_uri=SHORT.status_uri
    )
    add("border profile, PV1, short iss/vct/status URI", "border", BORDER, short_ids)
    add(
        "border profile, PV1, Ed25519 holder key",
        "border",
        BORDER,
        replace(LONG, holder_alg="EdDSA"),
    )
    border_pv1 = add("border profile, PV1, all short", "border", BORDER, SHORT)
    add("border profile, PV2, long identifiers", "border", BORDER, LONG)
    border = add("border profile, PV2, all short (recommended)", "border", BORDER, SHORT)
    add("ID card, age 18 only, PV1", "id-card", age, LONG)
    add("age credential, plain compact text", "age", age, LONG, encode=False)
    add("age credential, PV1, long identifiers", "age", age, LONG)
    age_pv1 = add("age credential, PV1, all short", "age", age, SHORT)
    age_row = add("age credential, PV2, all short (recommended)", "age", age, SHORT)
    figures: dict[str, float] = {
        "qr_version_border_M": border.versions["M"],
        "qr_version_age_M": age_row.versions["M"],
        "qr_version_border_M_pv1": border_pv1.versions["M"],
        "qr_version_age_M_pv1": age_pv1.versions["M"],
    }
    return rows, figures


def write_doc(rows: list[Row]) -> None:
    """Write docs/qr-sizes.md."""
    lines = [
        "# QR sizes of Posvid presentations",
        "",
        "Generated by `make bench` (`bench/qr_sizes.py`); do not edit by hand. Every presentation",
        "has a Key Binding JWT (`aud` `urn:posvid:offline`, a 128-bit nonce), an ES256 issuer",
        "signature, `iat`, `exp` and a status reference. Each cell is the *largest* QR version",
        f"over {SAMPLES} presentations. *Long identifiers*: the 43-character thumbprint `kid`,",
        f"`iss` `{LONG.issuer}`, `vct` `{LONG.vct_prefix}border:1`,",
        f"status URI `{LONG.status_uri}`,",
        f"P-256 holder key. *All short*: `kid` `{SHORT.kid}`, `iss` `{SHORT.issuer}`, `vct`",
        f"`{SHORT.vct_prefix}border:1`, status URI `{SHORT.status_uri}`, Ed25519 holder key.",
        "PV2 is what the wallet writes; PV1 rows show the previous version. With a portrait:",
        "`bench/qr_portrait.py` and [qr.md](qr.md#measured-pv2).",
        "",
        "| presentation | characters | QR version L | M | Q |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.label} | {r.chars} | {_cell(r.versions['L'])} | {_cell(r.versions['M'])} "
        f"| {_cell(r.versions['Q'])} |"
        for r in rows
    ]
    DOC.write_text("\n".join(lines) + "\n")


def run() -> dict[str, float]:
    """Measure, write the doc table, return the headline figures."""
    rows, figures = measure()
    write_doc(rows)
    for r in rows:
        cells = "  ".join(f"{lv}{_cell(v):>3}" for lv, v in r.versions.items())
        print(f"  {r.label:<52} {r.chars:>5} chars  {cells}")
    return figures
