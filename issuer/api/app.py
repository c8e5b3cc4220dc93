"""The issuer's FastAPI application: ``create_app(settings)``; nothing is built at import."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from crypto import Clock

from ..oid4vci import OpenId4Vci
from ..service import IssuerService
from ..settings import IssuerSettings
from . import problems
from .routes import admin, clerk, public


class BodyLimit(BaseHTTPMiddleware):
    """Refuse request bodies over the limit before any work is done (413)."""

    def __init__(self, app: object, limit: int) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.limit = limit

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return problems.problem(
                413,
                "request_too_large",
                "The request body is too large",
                f"the limit is {self.limit} bytes",
            )
        if declared is None and request.method in ("POST", "PUT", "PATCH"):
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.limit:
                    return problems.problem(
                        413, "request_too_large", "The request body is too large"
                    )
            request._body = body  # the stream is consumed; hand the body on
        return await call_next(request)


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
        version="0.1.0",
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
    return create_app(IssuerSettings())
