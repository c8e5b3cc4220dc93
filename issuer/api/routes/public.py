"""Public endpoints: metadata, keys, offers, OpenID4VCI, status lists, type metadata."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from crypto import Clock
from posvid.common.rate_limit import RateLimiter

from ...catalogue.types import configuration, type_metadata
from ...errors import InvalidCredentialRequest, InvalidRequest
from ...settings import IssuerSettings
from ..cached import PublicDocuments, conditional
from ..deps import BearerDep, ProtocolDep, ServiceDep
from ..inputs import json_value

NO_STORE = {"Cache-Control": "no-store"}
LIMITED = ("token", "nonce", "credential")  # endpoints a client may call only so often


def rate_limits(settings: IssuerSettings, clock: Clock) -> dict[str, RateLimiter]:
    """One limiter per endpoint of :data:`LIMITED`, on the settings' rates (per worker)."""
    return {
        name: RateLimiter(
            clock,
            per_minute=settings.rate_limit_per_minute,
            burst=settings.rate_limit_burst,
            exempt=settings.exempt_from_rate_limits,
        )
        for name in LIMITED
    }


def _limited(name: str) -> Any:
    """A dependency counting the request against its client's bucket (429 past it)."""

    def check(request: Request) -> None:
        client = request.client.host if request.client else ""
        request.app.state.rate_limits[name].check(client, f"/{name}")

    return Depends(check)


def _documents(request: Request) -> PublicDocuments:
    return request.app.state.documents  # type: ignore[no-any-return]


def well_known_router(issuer_path: str) -> APIRouter:
    """``/.well-known/...`` at the host root, with the issuer's path inserted after it."""
    router = APIRouter(tags=["metadata"])
    suffix = issuer_path  # "" or "/tenant"

    @router.get(f"/.well-known/openid-credential-issuer{suffix}")
    def credential_issuer(request: Request, protocol: ProtocolDep) -> Response:
        """OpenID4VCI credential issuer metadata (built once per key or status list change)."""
        build = protocol.credential_issuer_metadata
        return _documents(request).respond(request, "credential_issuer", build)

    @router.get(f"/.well-known/oauth-authorization-server{suffix}")
    def authorization_server(request: Request, protocol: ProtocolDep) -> Response:
        """OAuth 2.0 authorization server metadata (RFC 8414)."""
        build = protocol.authorization_server_metadata
        return _documents(request).respond(request, "authorization_server", build)

    @router.get(f"/.well-known/jwt-vc-issuer{suffix}")
    def jwt_vc_issuer(request: Request, protocol: ProtocolDep) -> Response:
        """The issuer's public keys (SD-JWT VC issuer metadata), built once per key change."""
        build = protocol.jwt_vc_issuer_metadata
        return _documents(request).respond(request, "jwt_vc_issuer", build)

    return router


router = APIRouter()


@router.get("/offers/{reference}", tags=["openid4vci"])
def credential_offer(reference: str, protocol: ProtocolDep) -> JSONResponse:
    """A credential offer, fetched by reference from ``credential_offer_uri``."""
    return JSONResponse(protocol.offer_by_reference(reference), headers=NO_STORE)


@router.post("/token", tags=["openid4vci"], dependencies=[_limited("token")])
async def token(request: Request, protocol: ProtocolDep) -> JSONResponse:
    """Pre-authorized code grant (form-encoded, RFC 6749 §4.1.3 style)."""
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        raise InvalidRequest("the token request is form-encoded")
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    return JSONResponse(protocol.token(fields), headers=NO_STORE)


@router.post("/nonce", tags=["openid4vci"], dependencies=[_limited("nonce")])
def nonce(protocol: ProtocolDep) -> JSONResponse:
    """A fresh c_nonce for key proofs."""
    return JSONResponse(protocol.nonce(), headers=NO_STORE)


@router.post("/credential", tags=["openid4vci"], dependencies=[_limited("credential")])
async def credential(request: Request, protocol: ProtocolDep, bearer: BearerDep) -> JSONResponse:
    """Issue credentials: one per key proof in ``proofs.jwt``."""
    body = json_value(await request.body(), InvalidCredentialRequest("the body is not JSON"))
    return JSONResponse(protocol.credential(bearer, body), headers=NO_STORE)


@router.get("/status-lists/{list_id}", tags=["status"])
def status_list(list_id: int, request: Request, service: ServiceDep) -> Response:
    """A Token Status List as ``statuslist+jwt`` with an ETag, cacheable for its ttl and never
    past its exp."""
    published = service.status.publish(list_id)
    max_age = max(0, min(published.ttl, published.exp - service.clock.now()))
    cache = {"Cache-Control": f"public, max-age={max_age}"}
    body = published.token.encode()
    return conditional(request, body, published.etag, cache, "application/statuslist+jwt")


@router.get("/type-metadata/{config_id}", tags=["metadata"])
def metadata_of_type(config_id: str, request: Request) -> Response:
    """SD-JWT VC type metadata: display names and claim labels in Ukrainian and English."""
    doc, config = configuration(config_id)
    build = partial(type_metadata, config, doc)
    return _documents(request).respond(request, f"type:{config_id}", build)


@router.get("/health", tags=["ops"])
def health() -> dict[str, str]:
    """Liveness."""
    return {"status": "ok"}


__all__ = ["BearerDep", "router", "well_known_router"]
