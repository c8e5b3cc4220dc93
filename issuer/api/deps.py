"""Request dependencies: the service objects and admin authentication."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..oid4vci import OpenId4Vci
from ..service import IssuerService
from ..storage.models import AdminToken


def get_service(request: Request) -> IssuerService:
    return request.app.state.service  # type: ignore[no-any-return]


def get_protocol(request: Request) -> OpenId4Vci:
    return request.app.state.protocol  # type: ignore[no-any-return]


def bearer(request: Request) -> str | None:
    """The Bearer token of the Authorization header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


ServiceDep = Annotated[IssuerService, Depends(get_service)]
ProtocolDep = Annotated[OpenId4Vci, Depends(get_protocol)]
BearerDep = Annotated[str | None, Depends(bearer)]


def clerk(service: ServiceDep, token: BearerDep) -> AdminToken:
    """The admin API's caller: a bearer token only (the clerk page's cookie is refused)."""
    return service.authenticate(token)


def admin(service: ServiceDep, token: BearerDep) -> AdminToken:
    """The admin API's caller with role admin: a bearer token only."""
    return service.authenticate(token, need="admin")


ClerkDep = Annotated[AdminToken, Depends(clerk)]
AdminDep = Annotated[AdminToken, Depends(admin)]
