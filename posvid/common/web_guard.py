"""The guard in front of a role's web app: which hosts, which origins, which forms, how much body.

One ASGI middleware, :class:`WebGuard`, refuses before any route runs:

- a ``Host`` not in the allow-list (400 ``host_not_allowed``): a page of another site whose name
  was made to resolve to this machine (DNS rebinding) reaches the app under its own name;
- a state-changing request (any method but GET, HEAD, OPTIONS) whose ``Origin`` (else
  ``Referer``) is not this very host (403 ``origin_not_allowed``): browsers send one with every
  POST, so a cross-site form or ``fetch`` is refused; a client that is no browser sends none;
- a body over the limit (413 ``request_too_large``): a declared ``Content-Length`` over it at
  once, a streamed (chunked) body as soon as the bytes read pass it; the rest is never read.
  ``larger_bodies`` gives a few routes (a photo upload) their own limit, by a regular expression
  the request's method and path (``"PUT /admin/persons/.../portrait"``) must match in full.

:class:`CsrfTokens` adds signed double-submit tokens for a page's forms: the page puts
``csrf_field`` in the form and the same token in a ``SameSite=Strict`` cookie; its
:meth:`~CsrfTokens.check` (an app-wide dependency) refuses a state-changing request to a page
whose form field (or ``X-CSRF-Token`` header) is not the cookie's token signed by this app
(403 ``csrf_invalid``). No state is kept on the server, and no personal data.

Refusals are answered by the app's own problem writer (``answer``), so they look like every other
problem of that app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from typing import Final
from urllib.parse import urlsplit

from markupsafe import Markup
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import CsrfInvalid, HostNotAllowed, OriginNotAllowed, PosvidError, RequestTooLarge

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "LOOPBACK_NAMES",
    "STATUS",
    "CsrfTokens",
    "WebGuard",
]

#: the host names a server bound to loopback answers for by default (at the port it serves)
LOOPBACK_NAMES: Final = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_COOKIE: Final = "posvid_csrf"
CSRF_FIELD: Final = "csrf"
CSRF_HEADER: Final = "x-csrf-token"
FORMS: Final = ("multipart/form-data", "application/x-www-form-urlencoded")
#: the HTTP status of each refusal of the guard
STATUS: Final[dict[type[PosvidError], int]] = {
    HostNotAllowed: 400,
    OriginNotAllowed: 403,
    CsrfInvalid: 403,
    RequestTooLarge: 413,
}

#: the app's problem writer: a refusal as the app's response
Answer = Callable[[PosvidError], Response]


def _split(netloc: str) -> tuple[str, int | None]:
    """``("localhost", 8003)`` for ``localhost:8003``, ``("[::1]", None)`` for ``[::1]``."""
    name, sep, port = netloc.strip().lower().rpartition(":")
    if sep and port.isdigit() and (not name.startswith("[") or name.endswith("]")):
        return name, int(port)
    return netloc.strip().lower(), None


class _BodyOverLimit(Exception):
    """Raised into the app by the guard's ``receive`` once the body passes the limit."""


class WebGuard:
    """ASGI middleware: the Host allow-list, same-origin state changes, the streaming body limit.

    ``allowed_hosts`` holds ``name`` (any port) or ``name:port`` entries; empty means the
    loopback names at the port the server listens on.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        answer: Answer,
        max_body: int,
        allowed_hosts: Sequence[str] = (),
        larger_bodies: Sequence[tuple[str, int]] = (),
    ) -> None:
        self.app = app
        self.answer = answer
        self.max_body = max_body
        self.allowed = [_split(entry) for entry in allowed_hosts]
        self.larger = [(re.compile(pattern), limit) for pattern, limit in larger_bodies]

    def body_limit(self, scope: Scope) -> int:
        """The body limit of this request: its route's own (``larger_bodies``), else the app's."""
        request = f"{scope.get('method', '')} {scope.get('path', '')}"
        return next((n for p, n in self.larger if p.fullmatch(request)), self.max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        refusal: PosvidError | None = None
        declared = headers.get("content-length")
        limit = self.body_limit(scope)
        if not self.host_allowed(host, scope):
            refusal = HostNotAllowed(f"{host or 'no host'} is not one of this server's names")
        elif scope["method"] not in SAFE_METHODS and not same_origin(headers, host):
            refusal = OriginNotAllowed("send it from this server's own page")
        elif declared is not None and (not declared.isdigit() or int(declared) > limit):
            refusal = self._too_large(limit)
        if refusal is not None:
            await self.answer(refusal)(scope, receive, send)
            return
        await self._limited(scope, receive, send, limit)

    def host_allowed(self, host: str, scope: Scope) -> bool:
        """Whether ``host`` (a ``Host`` header) is allowed; a missing port is the scheme's."""
        name, port = _split(host)
        if port is None:
            port = 443 if scope.get("scheme") in ("https", "wss") else 80
        allowed = self.allowed
        if not allowed:
            server = scope.get("server")
            listening = server[1] if server else None
            allowed = [(loopback, listening) for loopback in LOOPBACK_NAMES]
        return any(name == n and p in (None, port) for n, p in allowed)

    def _too_large(self, limit: int) -> RequestTooLarge:
        return RequestTooLarge(f"the limit is {limit} bytes")

    async def _limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Run the app; cut a streamed body off where it passes the limit, answering 413."""
        received = 0
        over = started = False

        async def limited_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise _BodyOverLimit
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:  # the app's own answer to the cut-off body is replaced by the 413
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not over or started:
                raise
        if over and not started:
            await self.answer(self._too_large(limit))(scope, receive, send)


def same_origin(headers: Headers, host: str) -> bool:
    """Whether a request's ``Origin`` (else ``Referer``) is ``host``; true when it has neither.

    Browsers send ``Origin`` with every POST (a sandboxed or privacy-stripped one: ``null``,
    refused); a request with neither header comes from a program, which needs no protection
    from a web page.
    """
    source = headers.get("origin") or headers.get("referer")
    if source is None:
        return True
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.strip().lower()


class CsrfTokens:
    """Signed double-submit tokens for a page's forms, under a secret of this app's process.

    ``exempt`` lists path prefixes that take no token (a JSON API for programs); the guard's
    Origin check still covers them.
    """

    def __init__(self, secret: bytes | None = None, *, exempt: Sequence[str] = ()) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self.exempt = tuple(exempt)

    def make(self) -> str:
        """A new token: a random value and its MAC."""
        value = secrets.token_urlsafe(18)
        return f"{value}.{self._mac(value)}"

    def valid(self, token: str | None) -> bool:
        """Whether ``token`` was made by this app."""
        value, _, mac = (token or "").partition(".")
        return bool(value) and hmac.compare_digest(mac.encode(), self._mac(value).encode())

    def _mac(self, value: str) -> str:
        digest = hmac.new(self._secret, value.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def token(self, request: Request) -> str:
        """The request's token: its cookie's when this app made it, else a new one (kept)."""
        token = getattr(request.state, "csrf_token", None)
        if token is None:
            cookie = request.cookies.get(CSRF_COOKIE)
            token = cookie if cookie and self.valid(cookie) else self.make()
            request.state.csrf_token = token
        return str(token)

    def field(self, request: Request) -> Markup:
        """The hidden form field holding the token: ``{{ csrf_field }}`` in every POST form."""
        return Markup('<input type="hidden" name="{}" value="{}">').format(
            CSRF_FIELD, self.token(request)
        )

    def set_cookie(self, request: Request, response: Response) -> None:
        """Give the page's response the cookie its forms' tokens must match."""
        response.set_cookie(
            CSRF_COOKIE, self.token(request), httponly=True, samesite="strict", path="/"
        )

    async def check(self, request: Request) -> None:
        """An app-wide dependency: a page's state change must carry the cookie's token."""
        if request.method in SAFE_METHODS or request.url.path.startswith(self.exempt):
            return
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(FORMS):
            sent = str((await request.form()).get(CSRF_FIELD) or "")
        cookie = request.cookies.get(CSRF_COOKIE) or ""
        if not (sent and hmac.compare_digest(sent.encode(), cookie.encode()) and self.valid(sent)):
            raise CsrfInvalid("reload the page and send the form again")
