"""The portrait pipeline on real photographs bundled in scikit-image's wheel (nothing downloaded).

Faces: ``astronaut`` (Eileen Collins) and ``lfw_subset`` (100 Labeled Faces in the Wild crops and
100 non-face patches, 25×25). No face: coffee, rocket, chelsea (a cat), coins, horse, brick,
hubble_deep_field, and noise.
"""

from __future__ import annotations

import contextlib
import io
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from issuer.errors import (
    FaceTooSmall,
    NoFace,
    PortraitInvalid,
    PortraitTooLarge,
    PortraitUnreadable,
    SeveralFaces,
)
from issuer.portrait import PORTRAIT_SIZE, find_faces, make_portrait, open_photo

skdata = pytest.importorskip("skimage.data")

MODES = {
    "JPEG": ("L", "RGB", "CMYK"),
    "PNG": ("L", "RGB", "RGBA", "P", "1", "I;16"),
    "WEBP": ("L", "RGB", "RGBA"),
}
NO_FACE = ("coffee", "rocket", "chelsea", "coins", "horse", "brick", "hubble_deep_field")


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def astronaut() -> Image.Image:
    return Image.fromarray(skdata.astronaut())


@pytest.fixture(scope="module")
def face_crop(astronaut: Image.Image) -> Image.Image:
    """The astronaut's head and shoulders, with room around: a portrait-like photo."""
    return astronaut.crop((120, 10, 330, 280))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_astronauts_face_is_found_and_framed(astronaut, fmt):
    portrait = make_portrait(encode(astronaut, fmt))
    assert portrait.image.size == PORTRAIT_SIZE
    assert portrait.image.mode == "L"
    assert 150 < portrait.face.x < 200
    assert 40 < portrait.face.y < 90
    assert 80 <= portrait.face.width <= 110
    stored = Image.open(io.BytesIO(portrait.png))
    assert (stored.format, stored.size, stored.mode) == ("PNG", PORTRAIT_SIZE, "L")


def test_the_framing_is_passport_like(astronaut):
    """The face box sits centred, and the head (~1.3 boxes) fills 70-80 % of the height."""
    portrait = make_portrait(encode(astronaut, "PNG"))
    faces = find_faces(portrait.image)
    assert len(faces) == 1
    face = faces[0]
    assert abs(face.x + face.width / 2 - PORTRAIT_SIZE[0] / 2) < 0.06 * PORTRAIT_SIZE[0]
    assert 0.70 <= 1.3 * face.height / PORTRAIT_SIZE[1] <= 0.80


def test_faces_of_labeled_faces_in_the_wild_are_found_and_patches_are_not():
    lfw = skdata.lfw_subset()  # 100 faces, then 100 non-faces
    found = []
    for patch in lfw:
        small = Image.fromarray((patch * 255).astype(np.uint8)).resize((200, 200))
        photo = Image.new("L", (400, 400), int(np.median(patch) * 255))
        photo.paste(small, (100, 100))
        found.append(len(find_faces(photo)))
    assert sum(n == 1 for n in found[:100]) >= 95
    assert sum(n > 0 for n in found[100:]) <= 2


@pytest.mark.parametrize("name", NO_FACE)
def test_photos_without_a_face_are_refused(name):
    pixels = getattr(skdata, name)()
    if pixels.dtype != np.uint8:
        pixels = (pixels * 255).astype(np.uint8)
    with pytest.raises(NoFace) as caught:
        make_portrait(encode(Image.fromarray(pixels), "PNG"))
    assert caught.value.field == "portrait"
    assert caught.value.code == "portrait_no_face"


def test_noise_is_refused():
    rng = np.random.default_rng(13)
    noise = Image.fromarray(rng.integers(0, 256, (600, 480), dtype=np.uint8))
    with pytest.raises(NoFace):
        make_portrait(encode(noise, "PNG"))


@pytest.mark.parametrize("count", [2, 3])
def test_several_faces_are_refused(face_crop, count):
    group = Image.new("RGB", (face_crop.width * count, face_crop.height))
    for i in range(count):
        group.paste(face_crop, (i * face_crop.width, 0))
    with pytest.raises(SeveralFaces, match=f"{count} faces"):
        make_portrait(encode(group))


def test_a_far_smaller_face_behind_is_not_counted(face_crop):
    near = face_crop.resize((face_crop.width * 2, face_crop.height * 2))  # a face ~200 px wide
    far = face_crop.resize((face_crop.width * 7 // 10, face_crop.height * 7 // 10))  # ~67 px
    group = Image.new("RGB", (near.width + 300, near.height), (200, 200, 200))
    group.paste(near, (0, 0))
    group.paste(far, (near.width + 60, 40))
    assert len(find_faces(open_photo(encode(group, "PNG")))) == 2
    assert make_portrait(encode(group, "PNG")).face.x < near.width


def test_a_small_face_is_refused(face_crop):
    small = face_crop.resize((face_crop.width // 2, face_crop.height // 2))
    with pytest.raises(FaceTooSmall):
        make_portrait(encode(small, "PNG"))


@pytest.mark.parametrize(
    ("orientation", "turn"),
    [
        (6, Image.Transpose.ROTATE_90),
        (8, Image.Transpose.ROTATE_270),
        (3, Image.Transpose.ROTATE_180),
    ],
)
def test_the_exif_orientation_is_honoured(astronaut, orientation, turn):
    """A camera stores the sensor's pixels and says how to turn them: the face is found upright."""
    stored = astronaut.transpose(turn)  # what the sensor saw
    if orientation != 3:
        with pytest.raises(NoFace):  # Haar cascades look for upright faces only
            make_portrait(encode(stored))
    exif = Image.Exif()
    exif[0x0112] = orientation
    portrait = make_portrait(encode(stored, exif=exif.tobytes()))
    assert portrait.photo_size == astronaut.size
    assert 150 < portrait.face.x < 200
    assert 40 < portrait.face.y < 90


def test_metadata_is_stripped(astronaut):
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8825)[2] = (50.0, 27.0, 0.0)  # GPS latitude
    exif[0x8825] = exif.get_ifd(0x8825)
    icc = b"\0" * 128 + b"fake icc profile"
    photo = encode(astronaut, exif=exif.tobytes(), icc_profile=icc, comment=b"hello")
    assert b"Camera maker" in photo
    assert b"fake icc" in photo
    photo_image = open_photo(photo)
    assert photo_image.info == {}
    assert not photo_image.getexif()
    portrait = make_portrait(photo)
    stored = Image.open(io.BytesIO(portrait.png))
    assert stored.getexif() == {} or len(stored.getexif()) == 0
    assert "icc_profile" not in stored.info
    assert "exif" not in stored.info
    for marker in (b"Camera maker", b"fake icc", b"hello", b"Exif", b"eXIf", b"iCCP", b"tEXt"):
        assert marker not in portrait.png


def test_too_many_bytes_are_refused_before_anything_is_read():
    with pytest.raises(PortraitTooLarge, match="bytes"):
        open_photo(b"\xff" * 2000, max_bytes=1000)


def _bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG declaring width × height black pixels (decompresses to width × height bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    rows = zlib.compress(b"\0" * ((width + 1) * 64), 9)  # a few rows only: never decoded anyway
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = _bomb_png(100_000, 100_000)  # 10 gigapixels, under a kilobyte
    assert len(bomb) < 20_000
    with pytest.raises(PortraitTooLarge, match="pixels"):
        make_portrait(bomb)


def test_over_the_pixel_bound_is_refused(astronaut):
    with pytest.raises(PortraitTooLarge):
        open_photo(encode(astronaut, "PNG"), max_pixels=512 * 511)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        b"%PDF-1.7\n",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"\xff\xd8\xff\xe0" + b"\0" * 40,  # a JPEG that stops after its header
    ],
)
def test_a_non_image_is_refused(data):
    with pytest.raises(PortraitUnreadable):
        make_portrait(data)


def test_other_formats_are_refused(astronaut):
    with pytest.raises(PortraitUnreadable, match="JPEG, PNG or WebP"):
        make_portrait(encode(astronaut, "BMP"))


def test_a_truncated_photo_is_refused(astronaut):
    with pytest.raises(PortraitUnreadable):
        make_portrait(encode(astronaut)[:5000])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_raise_only_portrait_errors(data):
    with contextlib.suppress(PortraitInvalid):
        make_portrait(data)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["JPEG", "PNG", "WEBP"]),
    st.integers(1, 300),
    st.integers(1, 300),
    st.sampled_from(["L", "RGB", "RGBA", "P", "1", "CMYK", "I;16"]),
    st.data(),
)
def test_any_small_image_gives_a_portrait_or_a_portrait_error(fmt, width, height, mode, data):
    if mode not in MODES[fmt]:
        mode = "RGB"
    image = Image.new(mode, (width, height))
    raw = encode(image, fmt)
    cut = data.draw(st.integers(0, len(raw)))
    for candidate in (raw, raw[:cut]):
        with contextlib.suppress(PortraitInvalid):
            make_portrait(candidate)
