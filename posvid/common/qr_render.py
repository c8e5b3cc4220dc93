"""Rendering QR codes: PNG, SVG and the terminal, with the error correction the medium needs.

A phone screen is clean and flat: level M. Paper gets folded, scuffed and wet: level Q.
The quiet zone (4 modules, as ISO/IEC 18004 asks) is always kept.
"""

from __future__ import annotations

import io
from typing import Final, Literal

import qrcode
import qrcode.constants
from qrcode.exceptions import DataOverflowError
from qrcode.image.svg import SvgPathImage

from .errors import QrTooLarge

__all__ = ["LEVELS", "Medium", "qr_version", "render_png", "render_svg", "render_terminal"]

Medium = Literal["screen", "paper"]
Level = Literal["L", "M", "Q", "H"]
LEVELS: Final[dict[str, int]] = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
_LEVEL_FOR: Final[dict[str, Level]] = {"screen": "M", "paper": "Q"}
QUIET_ZONE: Final = 4


def _build(payload: str, level: Level, box_size: int = 1, **kwargs: object) -> qrcode.QRCode:
    if level not in LEVELS:
        raise ValueError(f"unknown error-correction level {level!r}")
    code = qrcode.QRCode(
        error_correction=LEVELS[level], box_size=box_size, border=QUIET_ZONE, **kwargs
    )
    code.add_data(payload, optimize=0)  # one segment: alphanumeric for PV1 payloads
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):  # ValueError: it would need version 41
        raise QrTooLarge(
            f"{len(payload)} characters do not fit in a QR code at level {level}"
        ) from None
    return code


def qr_version(payload: str, level: Level = "M") -> int:
    """The smallest QR version (1-40) that holds ``payload`` at ``level``."""
    code = qrcode.QRCode(error_correction=LEVELS[level])
    code.add_data(payload, optimize=0)
    try:
        return int(code.best_fit())
    except (DataOverflowError, ValueError):  # best_fit says ValueError past version 40
        raise QrTooLarge(
            f"{len(payload)} characters do not fit in a QR code at level {level}"
        ) from None


def level_for(medium: Medium) -> Level:
    """M for a screen, Q for paper."""
    return _LEVEL_FOR[medium]


def render_png(payload: str, *, medium: Medium = "screen", module_px: int = 8) -> bytes:
    """A PNG with ``module_px`` pixels a module (8 fills a phone screen for a v28 code)."""
    image = _build(payload, level_for(medium), box_size=module_px).make_image()
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def render_svg(payload: str, *, medium: Medium = "screen", module_mm: float = 1.0) -> str:
    """A scalable SVG (one path); ``module_mm`` (0.1 mm steps) sets the printed module size."""
    tenths = max(1, round(module_mm * 10))  # the library counts box sizes in tenths of a mm
    image = _build(payload, level_for(medium), box_size=tenths, image_factory=SvgPathImage)
    image = image.make_image()
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode()


def render_terminal(payload: str, *, medium: Medium = "screen") -> str:
    """Text using half blocks (two modules a character), dark modules on a light ground."""
    matrix = _build(payload, level_for(medium)).get_matrix()
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    glyphs = {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}
    lines = [
        "".join(glyphs[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]
    return "\n".join(lines) + "\n"
