"""The issuer's FastAPI application: ``create_app(settings)``; nothing is built at import."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crypto import Clock
from posvid.common.errors import RequestTooLarge
from posvid.common.vocabulary import VERSION

from ..oid4vci import OpenId4Vci
from ..service import IssuerService
from ..settings import IssuerSettings, load_settings
from . import problems
from .routes import admin, clerk, public


class BodyLimit:
    """Refuse request bodies over the limit before any work is done (413); plain ASGI."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        if declared is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # a streamed body without a length: read it all first, within the limit
            buffered: list[Message] = []
            received = 0
            while True:
                message = await receive()
                buffered.append(message)
                received += len(message.get("body", b""))
                if received > self.limit:
                    await self._refuse(scope, receive, send)
                    return
                if message["type"] != "http.request" or not message.get("more_body"):
                    break

            async def replay() -> Message:
                return buffered.pop(0) if buffered else await receive()

            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problems.problem(
            413,
            RequestTooLarge.code,
            "The request body is too large",
            f"the limit is {self.limit} bytes",
        )
        await response(scope, receive, send)


def create_app(
    settings: IssuerSettings | None = None,
    *,
    service: IssuerService | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """Build the issuer app (migrations run and the first key is made on first start)."""
    settings = settings or (service.settings if service else IssuerSettings())
    service = service or IssuerService(settings, clock=clock)
    service.keys.ensure()
    app = FastAPI(
        title="Posvid issuer",
        version=VERSION,
        description="OpenID4VCI 1.0 (pre-authorized code) issuance of SD-JWT VCs, "
        "published keys and Token Status Lists, and the clerk's admin API.",
    )
    app.state.service = service
    app.state.protocol = OpenId4Vci(service)
    problems.install(app)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    prefix = urlsplit(service.issuer).path.rstrip("/")
    app.include_router(public.well_known_router(prefix))
    app.include_router(public.router, prefix=prefix)
    app.include_router(admin.router, prefix=prefix)
    app.include_router(clerk.router)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several workers: settings from the environment."""
    return create_app(load_settings())
