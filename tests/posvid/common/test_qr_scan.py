"""Scanning pictures: no code, several codes, decoder fallback, degraded camera photos, and the
bounds checked before decoding."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bench import photos
from crypto.qr_codec import encode_qr_payload
from posvid.common.errors import ImageTooLarge, UnreadableImage
from posvid.common.qr_render import render_png
from posvid.common.qr_scan import (
    PyzbarDecoder,
    ScanResult,
    default_decoders,
    scan_image,
)
from tests.support.factory import presentation


def test_no_code_in_the_picture_is_a_result_not_an_error():
    out = io.BytesIO()
    Image.new("L", (640, 480), 200).save(out, "PNG")
    result = scan_image(out.getvalue())
    assert result == ScanResult([], None, [d.name for d in default_decoders()])
    assert not result.found


def test_several_codes_in_one_frame():
    frame = Image.new("L", (900, 400), 255)
    for i, text in enumerate(("PV1:FIRST", "PV1:SECOND")):
        frame.paste(Image.open(io.BytesIO(render_png(text, module_px=6))), (20 + 450 * i, 20))
    found = scan_image(frame)
    assert sorted(found.payloads) == ["PV1:FIRST", "PV1:SECOND"]


def test_falls_back_to_the_next_decoder():
    class Blind:
        name = "blind"

        def decode(self, image):
            return []

    result = scan_image(render_png("PV1:FALLBACK"), decoders=[Blind(), PyzbarDecoder()])
    assert result.decoder == "pyzbar"
    assert result.tried == ["blind", "pyzbar"]


@pytest.mark.parametrize("seed", range(6))
def test_degraded_camera_photos(seed, issuer_key, holder_key):
    payload = encode_qr_payload(presentation(issuer_key, holder_key))
    jpeg, _ = photos.photo(payload, seed)
    assert scan_image(jpeg).payloads == [payload]


def test_not_an_image():
    with pytest.raises(UnreadableImage):
        scan_image(b"%PDF-1.7 not a picture")


def test_too_many_pixels_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (8000, 7000)).save(out, "PNG")
    with pytest.raises(ImageTooLarge):
        scan_image(out.getvalue())


def test_too_many_bytes_is_refused():
    with pytest.raises(ImageTooLarge):
        scan_image(b"\x89PNG" + bytes(21 * 1024 * 1024))
