"""The admin API (bearer tokens with role clerk or admin): enrol, offer, revoke, keys.

Only an ``Authorization: Bearer`` token is accepted here, never the clerk page's cookie.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID

from ..deps import AdminDep, ClerkDep, ServiceDep
from ..views import document_view, person_view

router = APIRouter(prefix="/admin", tags=["admin"])
#: the photo formats the portrait is made from (``issuer.portrait.ACCEPTED_FORMATS``)
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
_ACTIONS = {"revoke": STATUS_INVALID, "suspend": STATUS_SUSPENDED, "reinstate": STATUS_VALID}


def actor(token: Any) -> str:
    return f"token:{token.id}"


@router.post("/persons", status_code=201)
def enrol(service: ServiceDep, token: ClerkDep, data: dict[str, Any] = Body(...)) -> dict[str, Any]:
    """Enrol a person (names in Cyrillic; Latin forms default to the official transliteration)."""
    return person_view(service.enrol_person(data, actor=actor(token)))


@router.get("/persons")
def search(service: ServiceDep, token: ClerkDep, q: str = "") -> list[dict[str, Any]]:
    """Find people by surname (Cyrillic or Latin), tax number or УНЗР prefix."""
    return [person_view(p) for p in service.find_persons(q)] if q.strip() else []


@router.get("/persons/{person_id}")
def person(person_id: str, service: ServiceDep, token: ClerkDep) -> dict[str, Any]:
    """A person with their documents (the read is audited)."""
    return person_view(service.person(person_id, actor=actor(token)), with_documents=True)


@router.put("/persons/{person_id}/portrait")
async def portrait(
    person_id: str, request: Request, service: ServiceDep, token: ClerkDep
) -> dict[str, Any]:
    """Take a photo (the body; ``Content-Type`` image/jpeg, image/png or image/webp) as the
    person's portrait: one face, framed 4:5, 240×300 greyscale, metadata stripped. Refused as
    ``portrait_no_face``, ``portrait_several_faces``, ``portrait_face_too_small``,
    ``portrait_unreadable`` or ``portrait_too_large``."""
    from ...errors import PortraitUnreadable

    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in PHOTO_TYPES:
        raise PortraitUnreadable(f"the body must be {', '.join(PHOTO_TYPES)}", field="portrait")
    made = service.set_portrait(person_id, await request.body(), actor=actor(token))
    width, height = made.image.size
    return {"person_id": person_id, "width": width, "height": height, "png_bytes": len(made.png)}


@router.post("/persons/{person_id}/documents", status_code=201)
def add_document(
    person_id: str, service: ServiceDep, token: ClerkDep, data: dict[str, Any] = Body(...)
) -> dict[str, Any]:
    """Add a document: ``{"type": "id-card", "document_number": ..., ...}``."""
    doc_type = str(data.get("type", ""))
    fields = {k: v for k, v in data.items() if k != "type"}
    return document_view(service.add_document(person_id, doc_type, fields, actor=actor(token)))


@router.post("/documents/{document_id}/offers", status_code=201)
def offer(
    document_id: str, service: ServiceDep, token: ClerkDep, batch: int = 1, tx_code: bool = True
) -> dict[str, Any]:
    """A single-use credential offer (expires after 15 minutes) with its transaction code."""
    created = service.create_offer(
        document_id, batch_size=batch, tx_code=tx_code, actor=actor(token)
    )
    return {**created.to_json(), "qr_png": f"/admin/offers/{created.offer_id}/qr.png"}


@router.get("/offers/{offer_id}/qr.png")
def offer_qr(offer_id: str, service: ServiceDep, token: ClerkDep) -> Response:
    """The offer as a QR code for the citizen's wallet to scan."""
    from posvid.common.qr_render import render_png

    return Response(render_png(service.offer_uri(offer_id), module_px=6), media_type="image/png")


@router.post("/documents/{document_id}/{action}")
def change_status(
    document_id: str, action: str, service: ServiceDep, token: ClerkDep
) -> JSONResponse:
    """``revoke`` (final), ``suspend`` or ``reinstate``; every credential of it follows."""
    if action not in _ACTIONS:
        from ...errors import NotFound

        raise NotFound("the action is revoke, suspend or reinstate", field="action")
    count = service.set_document_status(document_id, _ACTIONS[action], actor=actor(token))
    return JSONResponse({**document_view(service.document(document_id)), "credentials": count})


@router.get("/keys")
def keys(service: ServiceDep, token: AdminDep) -> list[dict[str, str | None]]:
    """The signing keys and their state."""
    return service.keys.listing()


@router.post("/keys/rotate")
def rotate(service: ServiceDep, token: AdminDep) -> dict[str, str]:
    """A new signing key signs from now on; the old one stays published while needed."""
    key = service.keys.rotate()
    with service.sessions.begin() as session:
        service.audit(session, actor(token), "key.rotate", f"kid={key.kid}")
    return {"kid": key.kid, "alg": key.alg}
