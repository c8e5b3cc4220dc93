"""Errors of the shared plumbing (QR rendering and scanning).

PosvidError                 posvid_error
├── QrTooLarge              qr_too_large
└── ImageError              image_invalid
    ├── ImageTooLarge       image_too_large
    └── UnreadableImage     image_unreadable
"""

from __future__ import annotations

__all__ = ["ImageError", "ImageTooLarge", "PosvidError", "QrTooLarge", "UnreadableImage"]


class PosvidError(Exception):
    """Root of the errors raised by the ``posvid`` package."""

    code = "posvid_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class QrTooLarge(PosvidError):
    """The payload does not fit in a QR code at the chosen error-correction level."""

    code = "qr_too_large"


class ImageError(PosvidError):
    """An image cannot be used for scanning."""

    code = "image_invalid"


class ImageTooLarge(ImageError):
    """The image file or its pixel count exceeds the bound; it was not decoded."""

    code = "image_too_large"


class UnreadableImage(ImageError):
    """The file is not an image Pillow can read (PNG, JPEG, WebP, ...)."""

    code = "image_unreadable"
