"""The issuer's FastAPI application: ``create_app(settings)``; nothing is built at import.

Behind the web guard (``posvid.common.web_guard``): the configured host names only (by default
the public URL's, else loopback at the listening port), state changes from this server's own
pages only, bodies cut off at ``max_request_bytes`` (256 KiB) while they stream, but for the two
photo uploads (the admin API's ``PUT .../portrait`` and the clerk page's portrait form), which
may carry a phone photo: :data:`PHOTO_BODY_BYTES`, the portrait's own bound plus room for a
multipart envelope (``issuer.portrait`` refuses past its bound as ``portrait_too_large``). The
clerk's pages take a CSRF token in every form; the OpenID4VCI endpoints and the admin API
(bearer tokens, no cookie) take none.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Depends, FastAPI

from crypto import Clock
from posvid.common.vocabulary import VERSION
from posvid.common.web_guard import CsrfTokens, WebGuard

from ..oid4vci import OpenId4Vci
from ..portrait import MAX_PHOTO_BYTES
from ..service import IssuerService
from ..settings import IssuerSettings, load_settings
from . import problems
from .cached import PublicDocuments
from .routes import admin, clerk, public

#: the body limit of the photo uploads: the photo's bound and a multipart envelope
PHOTO_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024
#: the admin API is under the issuer identifier's path, the clerk pages at /clerk
_PHOTO_ROUTES = r"PUT (/[^?]*)?/admin/persons/[^/]+/portrait|POST /clerk/persons/[^/]+/portrait"


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
    csrf = CsrfTokens(service.keyed("csrf", "clerk pages").encode())
    app.state.service = service
    app.state.protocol = OpenId4Vci(service)
    app.state.documents = PublicDocuments(service)  # metadata built once per key change
    app.state.rate_limits = public.rate_limits(settings, service.clock)
    app.state.csrf = csrf
    problems.install(app)
    app.add_middleware(
        WebGuard,
        answer=problems.answer,
        max_body=settings.max_request_bytes,
        allowed_hosts=settings.hosts,
        larger_bodies=[(_PHOTO_ROUTES, PHOTO_BODY_BYTES)],
    )
    prefix = urlsplit(service.issuer).path.rstrip("/")
    app.include_router(public.well_known_router(prefix))
    app.include_router(public.router, prefix=prefix)
    app.include_router(admin.router, prefix=prefix)
    app.include_router(clerk.router, dependencies=[Depends(csrf.check)])
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several workers: settings from the environment."""
    return create_app(load_settings())
