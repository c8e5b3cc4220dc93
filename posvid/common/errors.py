"""Errors of the shared plumbing: QR rendering and scanning, and the HTTP request problems.

The root derives from :class:`crypto.errors.CodedError` (``code``, ``message``, ``field``,
``str()``); every code is unique across the project. ``RequestInvalid`` and
``RequestTooLarge`` name the problem the issuer's and the verifier's web APIs answer when
an HTTP request body has the wrong shape or size.

PosvidError                 posvid_error
├── QrTooLarge              qr_too_large
├── ImageError              image_invalid
│   ├── ImageTooLarge       image_too_large
│   └── UnreadableImage     image_unreadable
├── RequestInvalid          request_invalid     (HTTP 422: the body has the wrong shape)
└── RequestTooLarge         request_too_large   (HTTP 413: the body is over the limit)
"""

from __future__ import annotations

from crypto import CodedError

__all__ = [
    "ImageError",
    "ImageTooLarge",
    "PosvidError",
    "QrTooLarge",
    "RequestInvalid",
    "RequestTooLarge",
    "UnreadableImage",
]


class PosvidError(CodedError):
    """Root of the errors raised by the shared plumbing (``posvid.common``)."""

    code = "posvid_error"


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


class RequestInvalid(PosvidError):
    """An HTTP request body does not have the shape the endpoint expects."""

    code = "request_invalid"


class RequestTooLarge(PosvidError):
    """An HTTP request body is over the endpoint's size limit; it was not read."""

    code = "request_too_large"
