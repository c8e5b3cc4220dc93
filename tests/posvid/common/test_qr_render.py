"""Rendering to PNG, SVG and the terminal; every QR version the codec makes is read back from a
real image file by both decoders."""

from __future__ import annotations

import io
import random

import pytest
import qrcode
import zxingcpp
from PIL import Image

from crypto.b64 import b64url_encode
from crypto.qr_codec import decode_qr_payload, encode_qr_payload
from posvid.common.errors import QrTooLarge
from posvid.common.qr_render import qr_version, render_png, render_svg, render_terminal
from posvid.common.qr_scan import (
    PyzbarDecoder,
    ZxingDecoder,
    scan_image,
)
from tests.support.factory import presentation

DECODERS = [ZxingDecoder(), PyzbarDecoder()]


def fake_sd_jwt(rng: random.Random, size: int) -> str:
    """An SD-JWT-shaped string whose segments are incompressible random bytes."""

    def seg(n: int) -> str:
        return b64url_encode(rng.randbytes(n))

    disclosures = [seg(rng.randint(20, 60)) for _ in range(size // 40)]
    return f"{seg(30)}.{seg(size % 40 + 10)}.{seg(64)}~" + "".join(d + "~" for d in disclosures)


def payloads_by_version() -> dict[int, tuple[str, str]]:
    """One PV1 payload for every QR version (at level M) the codec can produce."""
    rng = random.Random(9285)
    found: dict[int, tuple[str, str]] = {}
    size = 0
    while True:
        sd_jwt = fake_sd_jwt(rng, size)
        payload = encode_qr_payload(sd_jwt)
        try:
            version = qr_version(payload, "M")
        except QrTooLarge:
            return found
        found.setdefault(version, (payload, sd_jwt))
        size += 12


VERSIONS = payloads_by_version()


def test_the_sweep_covers_every_version_up_to_40():
    assert max(VERSIONS) == 40
    assert sorted(VERSIONS) == list(range(min(VERSIONS), 41))
    assert min(VERSIONS) <= 8  # a bare SD-JWT with one signature; real presentations need more


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_png_file_round_trip_for_every_version(version, tmp_path):
    payload, sd_jwt = VERSIONS[version]
    path = tmp_path / f"v{version}.png"
    path.write_bytes(render_png(payload, module_px=4))
    data = path.read_bytes()
    for decoder in DECODERS:
        result = scan_image(data, decoders=[decoder])
        assert result.payloads == [payload], decoder.name
        assert decode_qr_payload(result.payloads[0]) == sd_jwt


def test_a_real_presentation_scans_and_verifies(issuer_key, holder_key, trust, clock):
    from crypto import KeyBindingExpectations, VcPolicy, verify_sd_jwt_vc
    from tests.support.factory import NONCE, OFFLINE

    text = presentation(issuer_key, holder_key)
    result = scan_image(render_png(encode_qr_payload(text)))
    assert result.decoder == "zxing-cpp"
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
    verified = verify_sd_jwt_vc(
        decode_qr_payload(result.payloads[0]), keys=trust, policy=policy, clock=clock
    )
    assert verified.claims["given_name"] == "Олена"


@pytest.mark.parametrize(("medium", "level"), [("screen", "M"), ("paper", "Q")])
def test_error_correction_follows_the_medium(medium, level):
    image = Image.open(io.BytesIO(render_png("PV1:MEDIUM TEST", medium=medium)))
    (code,) = zxingcpp.read_barcodes(image)
    assert code.ec_level == level


def test_quiet_zone_is_kept():
    image = Image.open(io.BytesIO(render_png("PV1:QUIET", module_px=5))).convert("L")
    width, _ = image.size
    border = [image.getpixel((x, y)) for x in range(width) for y in range(20)]
    assert min(border) == 255  # four light modules of 5 px on every side


def test_svg_holds_the_code_at_the_asked_size():
    svg = render_svg("PV1:SVG TEST", module_mm=0.5)
    assert svg.lstrip().startswith("<?xml")
    assert 'width="14.5mm"' in svg  # (21 modules + 2 x 4 quiet) x 0.5 mm


def test_terminal_rendering_is_the_matrix_in_half_blocks():
    payload = "PV1:TERMINAL"
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload, optimize=0)
    code.make(fit=True)
    matrix = code.get_matrix()
    lines = render_terminal(payload).splitlines()
    assert len(lines) == (len(matrix) + 1) // 2
    light = {"█": (False, False), "▄": (True, False), "▀": (False, True), " ": (True, True)}
    rebuilt = [[], []]
    for line in lines:
        rebuilt[0].append([light[c][0] for c in line])
        rebuilt[1].append([light[c][1] for c in line])
    rows = [row for pair in zip(*rebuilt, strict=True) for row in pair][: len(matrix)]
    assert rows == matrix


def test_too_long_for_any_qr_code_is_a_clear_error():
    with pytest.raises(QrTooLarge):
        render_png("PV1:" + "A" * 5000)
