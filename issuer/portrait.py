"""A holder's portrait from an uploaded photo: bounded, upright, without metadata, one face.

``make_portrait(photo_bytes)`` is the whole pipeline (issue 13, item 1):

1. **Bounded before decoding.** The byte size is checked first; ``Image.open`` reads only the
   header, so the format (JPEG, PNG or WebP only) and the declared pixel count are checked before
   a single pixel is decoded (a decompression bomb stops there). A large JPEG is decoded at a
   reduced scale (``draft``): the portrait never needs more than ~1600 pixels a side.
2. **Upright.** The EXIF orientation is applied (``ImageOps.exif_transpose``).
3. **No metadata.** The pixels are copied, greyscale, into a fresh image: EXIF (GPS included),
   XMP, ICC profiles and text chunks of the upload never reach the stored portrait.
4. **One face.** OpenCV's Haar cascade ``haarcascade_frontalface_alt2.xml``, shipped inside the
   ``opencv-python-headless`` wheel (nothing is downloaded), finds frontal faces. None is
   ``NoFace``; two or more whose widths are at least :data:`COMPANION_RATIO` of the largest is
   ``SeveralFaces`` (smaller detections, people far behind, are not counted); a face under
   :data:`MIN_FACE_PX` pixels wide is ``FaceTooSmall``.
5. **Passport framing.** A 4:5 crop centred on the head, the head (chin to crown, about 1.3 times
   the detector's box) about 74 % of the height (ICAO 9303: 70–80 %); a crop past the photo's
   edge repeats the edge pixels. Resized to :data:`PORTRAIT_SIZE` (240×300) and kept as a PNG.

Every refusal is an :class:`issuer.errors.PortraitInvalid` with ``field="portrait"``.
``issuer.portrait_claim`` encodes the credential's small portrait claim from the result.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Final

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import (
    FaceTooSmall,
    IssuerError,
    NoFace,
    PortraitTooLarge,
    PortraitUnreadable,
    SeveralFaces,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_PIXELS",
    "MIN_FACE_PX",
    "PORTRAIT_SIZE",
    "Face",
    "Portrait",
    "find_faces",
    "frame_portrait",
    "make_portrait",
    "open_photo",
]

ACCEPTED_FORMATS: Final = ("JPEG", "PNG", "WEBP")
#: a phone photo is 2-8 MB; the QR scanner's bounds (posvid.common.qr_scan) are the same
MAX_PHOTO_BYTES: Final = 20 * 1024 * 1024
MAX_PHOTO_PIXELS: Final = 48_000_000
#: the stored record: greyscale, 4:5
PORTRAIT_SIZE: Final = (240, 300)
#: a face narrower than this (in the upright photo) is too small to make a portrait from
MIN_FACE_PX: Final = 80
#: a second face at least this fraction of the largest one's width makes a photo "several faces"
COMPANION_RATIO: Final = 0.4
#: JPEGs are decoded at the smallest scale keeping at least this many pixels a side
_DRAFT_SIDE: Final = 1600
#: faces are looked for on a copy whose longest side is at most this
_DETECT_SIDE: Final = 800
#: the detector's box is about brows to chin; the head (crown to chin) is ~1.3 of it, and the
#: crop is the head / 0.74 tall, centred 0.1 box above the box's centre
_CROP_HEIGHT: Final = 1.75
_HEAD_SHIFT: Final = 0.1
_CASCADE: Final = "haarcascade_frontalface_alt2.xml"
_FIELD: Final = "portrait"


@dataclass(frozen=True)
class Face:
    """A face the detector found, in pixels of the upright photo."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Portrait:
    """The normalised portrait: ``image`` (mode L, :data:`PORTRAIT_SIZE`) and its PNG."""

    image: Image.Image
    png: bytes
    face: Face
    photo_size: tuple[int, int]


def make_portrait(
    data: bytes, *, max_bytes: int = MAX_PHOTO_BYTES, max_pixels: int = MAX_PHOTO_PIXELS
) -> Portrait:
    """The portrait of the one face in ``data`` (JPEG, PNG or WebP), or a ``PortraitInvalid``."""
    photo = open_photo(data, max_bytes=max_bytes, max_pixels=max_pixels)
    faces = find_faces(photo)
    if not faces:
        raise NoFace("no face was found in the photo", field=_FIELD)
    largest = max(faces, key=lambda f: f.width)
    companions = [f for f in faces if f.width >= COMPANION_RATIO * largest.width]
    if len(companions) > 1:
        raise SeveralFaces(
            f"the photo shows {len(companions)} faces; it must show only the holder's",
            field=_FIELD,
        )
    if largest.width < MIN_FACE_PX:
        raise FaceTooSmall(
            f"the face is {largest.width} pixels wide; at least {MIN_FACE_PX} are needed",
            field=_FIELD,
        )
    image = frame_portrait(photo, largest)
    return Portrait(image=image, png=_png(image), face=largest, photo_size=photo.size)


def open_photo(
    data: bytes, *, max_bytes: int = MAX_PHOTO_BYTES, max_pixels: int = MAX_PHOTO_PIXELS
) -> Image.Image:
    """The upright greyscale pixels of an upload, without its metadata; bounds checked first."""
    if len(data) > max_bytes:
        raise PortraitTooLarge(
            f"the photo is {len(data)} bytes; the limit is {max_bytes}", field=_FIELD
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size  # from the header: no pixel decoded yet
            if width * height > max_pixels:
                raise PortraitTooLarge(
                    f"the photo has {width * height} pixels; the limit is {max_pixels}",
                    field=_FIELD,
                )
            if image.format == "JPEG":
                image.draft("L", (_DRAFT_SIDE, _DRAFT_SIDE))
            upright = ImageOps.exif_transpose(image)
            grey = upright.convert("L")
    except PortraitTooLarge:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PortraitTooLarge("the photo declares too many pixels", field=_FIELD) from None
    except UnidentifiedImageError:
        raise PortraitUnreadable("not a JPEG, PNG or WebP image", field=_FIELD) from None
    except Exception as exc:  # Pillow's decoders raise many types on malformed input
        raise PortraitUnreadable(
            f"the image cannot be read ({type(exc).__name__})", field=_FIELD
        ) from None
    return Image.frombytes("L", grey.size, grey.tobytes())  # a fresh image: no info, no EXIF


def find_faces(photo: Image.Image) -> list[Face]:
    """Every frontal face in ``photo`` (greyscale), in its pixels, largest first."""
    scale = min(1.0, _DETECT_SIDE / max(photo.size))
    small = (
        photo
        if scale == 1.0
        else photo.resize(
            (max(1, round(photo.width * scale)), max(1, round(photo.height * scale))),
            Image.Resampling.BOX,
        )
    )
    pixels = cv2.equalizeHist(np.asarray(small, dtype=np.uint8))
    side = max(24, min(small.size) // 10)
    if min(small.size) < side:
        return []
    found = _cascade().detectMultiScale(pixels, 1.1, 5, minSize=(side, side))
    faces = [
        Face(round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        for (x, y, w, h) in np.asarray(found, dtype=np.int64).reshape(-1, 4).tolist()
    ]
    return sorted(faces, key=lambda f: -f.width)


def frame_portrait(
    photo: Image.Image, face: Face, size: tuple[int, int] = PORTRAIT_SIZE
) -> Image.Image:
    """The 4:5 passport crop around ``face``, resized to ``size``; past the edge, edge pixels."""
    height = _CROP_HEIGHT * face.height
    width = height * 4 / 5
    centre_x = face.x + face.width / 2
    centre_y = face.y + face.height / 2 - _HEAD_SHIFT * face.height
    left, top = round(centre_x - width / 2), round(centre_y - height / 2)
    right, bottom = left + round(width), top + round(height)
    pad = max(0, -left, -top, right - photo.width, bottom - photo.height)
    pixels: np.ndarray = np.asarray(photo, dtype=np.uint8)
    if pad:
        pixels = cv2.copyMakeBorder(pixels, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    crop = Image.fromarray(
        np.ascontiguousarray(pixels[top + pad : bottom + pad, left + pad : right + pad])
    )
    return crop.resize(size, Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


@cache
def _cascade() -> cv2.CascadeClassifier:
    folder: str = cv2.data.haarcascades  # type: ignore[attr-defined]  # cv2.data has no stubs
    classifier = cv2.CascadeClassifier(folder + _CASCADE)
    if classifier.empty():  # the wheel always ships it; a broken install says so plainly
        raise IssuerError(f"OpenCV's {_CASCADE} is missing: reinstall opencv-python-headless")
    return classifier
