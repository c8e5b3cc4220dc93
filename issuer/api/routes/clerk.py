"""The clerk's server-rendered pages: sign in, find or enrol, add documents, offer, revoke.

Signing in with an admin token opens a server-side session (``issuer.admin_tokens``): the cookie
holds the session's id, never the token, is sent to ``/clerk`` only, and is refused after logout,
after idle time and once its token has expired or been revoked. Every form carries the page's
CSRF token (``csrf_field``), and the web guard refuses a POST from another origin or host.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID

from ...catalogue.types import DOCUMENT_TYPES
from ...errors import InvalidDocument, IssuerError
from ...storage.models import AdminToken
from ..deps import ServiceDep
from ..inputs import integer, json_object
from ..views import person_view

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[2] / "templates"))
COOKIE = "posvid_clerk"
PERSON_FIELDS = [
    ("family_name", "Прізвище / Surname"),
    ("given_name", "Ім'я / Given name"),
    ("patronymic", "По батькові / Patronymic"),
    ("birth_date", "Дата народження / Birth date"),
    ("birth_place", "Місце народження / Birth place"),
    ("tax_number", "РНОКПП / Tax number"),
    ("record_number", "УНЗР / UNZR"),
]
_ACTIONS = {"revoke": STATUS_INVALID, "suspend": STATUS_SUSPENDED, "reinstate": STATUS_VALID}

router = APIRouter(prefix="/clerk", include_in_schema=False)


def _page(
    request: Request, service: Any, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    context.setdefault("error", None)
    context.setdefault("signed_in", True)
    csrf = request.app.state.csrf
    response = TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "issuer_name": service.settings.display_name,
            "title": name,
            "csrf_field": csrf.field(request),
            **context,
        },
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )
    csrf.set_cookie(request, response)
    return response


def _signed_in(request: Request, service: Any) -> AdminToken | None:
    try:
        return service.clerk_session(request.cookies.get(COOKIE))  # type: ignore[no-any-return]
    except IssuerError:
        return None


def _login(request: Request, service: Any, error: str | None = None) -> HTMLResponse:
    return _page(
        request, service, "login.html", 401 if error else 200, error=error, signed_in=False
    )


@router.get("")
def home(request: Request, service: ServiceDep, q: str = "") -> Response:
    if _signed_in(request, service) is None:
        return _login(request, service)
    persons = [person_view(p) for p in service.find_persons(q)] if q.strip() else []
    return _page(
        request, service, "persons.html", q=q, persons=persons, person_fields=PERSON_FIELDS
    )


@router.post("/login")
async def login(request: Request, service: ServiceDep) -> Response:
    token = str((await request.form()).get("token", ""))
    try:
        session_id = service.open_clerk_session(token)
    except IssuerError:
        return _login(request, service, "Невірний токен / Unknown token")
    response = RedirectResponse("/clerk", status_code=303)
    secure = service.issuer.startswith("https://")
    response.set_cookie(
        COOKIE, session_id, path="/clerk", httponly=True, samesite="strict", secure=secure
    )
    return response


@router.post("/logout")
def logout(request: Request, service: ServiceDep) -> Response:
    service.close_clerk_session(request.cookies.get(COOKIE))
    response = RedirectResponse("/clerk", status_code=303)
    response.delete_cookie(COOKIE, path="/clerk")
    return response


def _actor(token: AdminToken) -> str:
    return f"token:{token.id}"


@router.post("/persons")
async def enrol(request: Request, service: ServiceDep) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service)
    form = {k: str(v) for k, v in (await request.form()).items() if str(v).strip()}
    try:
        person = service.enrol_person(form, actor=_actor(token))
    except IssuerError as exc:
        return _page(
            request,
            service,
            "persons.html",
            422,
            q="",
            persons=[],
            person_fields=PERSON_FIELDS,
            error=str(exc),
        )
    return RedirectResponse(f"/clerk/persons/{person.id}", status_code=303)


def _person_page(
    request: Request,
    service: Any,
    person_id: str,
    actor: str,
    status: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    types = [(k, t.names[0]) for k, t in DOCUMENT_TYPES.items()]
    person = person_view(service.person(person_id, actor=actor), with_documents=True)
    return _page(request, service, "person.html", status, person=person, types=types, error=error)


@router.get("/persons/{person_id}")
def person(person_id: str, request: Request, service: ServiceDep) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service)
    return _person_page(request, service, person_id, _actor(token))


@router.post("/persons/{person_id}/documents")
async def add_document(person_id: str, request: Request, service: ServiceDep) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service)
    form = {k: str(v) for k, v in (await request.form()).items() if str(v).strip()}
    doc_type = form.pop("type", "")
    not_json = InvalidDocument("не JSON-об'єкт / not a JSON object", field="extra")
    try:
        extra = json_object(form.pop("extra", "") or "{}", not_json)
        service.add_document(person_id, doc_type, {**form, **extra}, actor=_actor(token))
    except IssuerError as exc:
        return _person_page(request, service, person_id, _actor(token), 422, str(exc))
    return RedirectResponse(f"/clerk/persons/{person_id}", status_code=303)


@router.post("/documents/{document_id}/{action}")
async def document_action(
    document_id: str, action: str, request: Request, service: ServiceDep
) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service)
    document = service.document(document_id)
    try:
        if action == "offer":
            from posvid.common.qr_render import render_png

            raw = str((await request.form()).get("batch", "")) or "1"
            batch = integer(raw, InvalidDocument("must be a whole number", field="batch"))
            offer = service.create_offer(document_id, batch_size=batch, actor=_actor(token))
            png = base64.b64encode(render_png(offer.credential_offer_uri, module_px=6)).decode()
            return _page(
                request,
                service,
                "offer.html",
                offer=offer.to_json(),
                png=png,
                person_id=document.person_id,
            )
        if action in _ACTIONS:
            service.set_document_status(document_id, _ACTIONS[action], actor=_actor(token))
    except IssuerError as exc:
        return _person_page(
            request, service, document.person_id, _actor(token), exc.status, str(exc)
        )
    return RedirectResponse(f"/clerk/persons/{document.person_id}", status_code=303)
