"""Errors of the shared plumbing: QR rendering and scanning, and the HTTP request problems.

The root derives from :class:`crypto.errors.CodedError` (``code``, ``message``, ``field``,
``str()``); every code is unique across the project. ``RequestInvalid`` and
``RequestTooLarge`` name the problem the issuer's and the verifier's web APIs answer when
an HTTP request body has the wrong shape or size; the web guard (``posvid.common.web_guard``)
refuses a request with ``HostNotAllowed``, ``OriginNotAllowed`` or ``CsrfInvalid``.

PosvidError                 posvid_error
├── QrTooLarge              qr_too_large
├── ImageError              image_invalid
│   ├── ImageTooLarge       image_too_large
│   └── UnreadableImage     image_unreadable
├── RequestInvalid          request_invalid     (HTTP 422: the body has the wrong shape)
├── RequestTooLarge         request_too_large   (HTTP 413: the body is over the limit)
├── HostNotAllowed          host_not_allowed    (HTTP 400: a Host name not configured)
├── OriginNotAllowed        origin_not_allowed  (HTTP 403: a cross-site state change)
├── CsrfInvalid             csrf_invalid        (HTTP 403: a page's form without its token)
└── TooManyRequests         too_many_requests   (HTTP 429 + Retry-After: a client over its rate)
"""

from __future__ import annotations

from crypto import CodedError

__all__ = [
    "CsrfInvalid",
    "HostNotAllowed",
    "ImageError",
    "ImageTooLarge",
    "OriginNotAllowed",
    "PosvidError",
    "QrTooLarge",
    "RequestInvalid",
    "RequestTooLarge",
    "TooManyRequests",
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


class HostNotAllowed(PosvidError):
    """The request names a host this server does not answer for."""

    code = "host_not_allowed"


class OriginNotAllowed(PosvidError):
    """A state-changing request came from another site."""

    code = "origin_not_allowed"


class CsrfInvalid(PosvidError):
    """The form was not sent from this server's own page."""

    code = "csrf_invalid"


class TooManyRequests(PosvidError):
    """The client made too many requests: retry after ``retry_after`` seconds."""

    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
