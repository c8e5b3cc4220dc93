"""The clerk's server-rendered pages: sign in, find or enrol, add documents, offer, revoke.

Signing in with an admin token opens a server-side session (``issuer.admin_tokens``): the cookie
holds the session's id, never the token, is sent to ``/clerk`` only, and is refused after logout,
after idle time and once its token has expired or been revoked. Every form carries the page's
CSRF token (``csrf_field``), and the web guard refuses a POST from another origin or host.

The pages speak Ukrainian or English (``clerk_pages``), their forms are described in
``clerk_forms`` and their words are in ``clerk_words``. A form with mistakes comes back with every
problem next to its field and what was typed kept; suspending and revoking ask first; every
action is confirmed on the page it leads to.
"""

from __future__ import annotations

import base64
from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID

from ...catalogue.types import DOCUMENT_TYPES
from ...errors import Conflict, InvalidDocument, IssuerError, NotFound, PortraitInvalid
from ...storage.models import AdminToken, Document, Person
from ..clerk_forms import (
    PERSON_ORDER,
    Problems,
    document_fields,
    document_form,
    document_order,
    number_taken,
    person_form,
    problems_of,
    read_document,
    read_person,
)
from ..clerk_pages import (
    SESSION_COOKIE,
    document_view,
    full_name,
    lang_of,
    person_view,
    redirect,
    render,
    type_choices,
    type_name,
    with_query,
)
from ..clerk_words import DONE, ERRORS, REFUSALS, TEXT, error_words, words
from ..deps import ServiceDep
from ..inputs import integer
from .admin import PHOTO_TYPES

_ACTIONS: Final = {"revoke": STATUS_INVALID, "suspend": STATUS_SUSPENDED, "reinstate": STATUS_VALID}
_DONE: Final = {"revoke": "revoked", "suspend": "suspended", "reinstate": "reinstated"}
_ASK_FIRST: Final = frozenset({"revoke", "suspend"})
DEFAULT_BATCH: Final = 5
NOT_TEXT: Final = object()  # what a form field holding a file reads as (refused as not text)

router = APIRouter(prefix="/clerk", include_in_schema=False)


def _signed_in(request: Request, service: Any) -> AdminToken | None:
    try:
        return service.clerk_session(request.cookies.get(SESSION_COOKIE))  # type: ignore[no-any-return]
    except IssuerError:
        return None


def _login(request: Request, service: Any, refusal: str | None = None) -> HTMLResponse:
    lang = lang_of(request)
    return render(
        request,
        service,
        "login.html",
        title=TEXT["sign_in_title"][lang],
        status=401 if refusal else 200,
        signed_in=False,
        error=words(REFUSALS, refusal, lang) if refusal else None,
    )


def message_page(request: Request, service: Any, status: int, refusal: str) -> HTMLResponse:
    """A page that says only what went wrong (nothing found, a form that cannot be read)."""
    lang = lang_of(request)
    title = TEXT["not_found_title" if status == 404 else "error_title"][lang]
    signed = _signed_in(request, service) is not None
    return render(
        request,
        service,
        "message.html",
        title=title,
        status=status,
        signed_in=signed,
        error=words(REFUSALS, refusal, lang),
    )


async def _form(request: Request) -> dict[str, Any] | None:
    """The posted form, the first value of each name; None when it cannot be read."""
    try:
        form: FormData = await request.form()
    except (HTTPException, ValueError, UnicodeError):
        return None
    found: dict[str, Any] = {}
    for key, value in form.multi_items():  # a file where text belongs is kept as not text
        found.setdefault(key, value if isinstance(value, str) else NOT_TEXT)
    await form.close()
    return found


def _actor(token: AdminToken) -> str:
    return f"token:{token.id}"


def _home(
    request: Request,
    service: Any,
    *,
    q: str = "",
    form: dict[str, Any] | None = None,
    problems: Problems | None = None,
    status: int = 200,
    error: str | None = None,
    searched: bool = False,
    namesakes: list[Person] | None = None,
) -> HTMLResponse:
    lang = lang_of(request)
    query = q.strip()[:100]
    persons = []
    if query and query.isprintable():
        persons = [_found(p, lang) for p in service.find_persons(query)]
    problems = problems or Problems()
    return render(
        request,
        service,
        "persons.html",
        title=TEXT["home_title"][lang],
        here=with_query("/clerk", q=query),
        status=status,
        q=query,
        searched=searched or bool(query),
        persons=persons,
        fields=person_form(form or {}, lang, problems),
        summary=problems.summary,
        error=error,
        namesakes=[_found(p, lang) for p in namesakes or ()],
        namesake_ids=",".join(p.id for p in namesakes or ()),
    )


def _found(person: Person, lang: str) -> dict[str, Any]:
    """A person in a list of those found (or of namesakes)."""
    return {
        "id": person.id,
        "name": full_name(person),
        "latin": f"{person.family_name_latin} {person.given_name_latin}",
        "born": person_view(person, lang)["birth"],
    }


@router.get("")
def home(request: Request, service: ServiceDep, q: str = "") -> Response:
    if _signed_in(request, service) is None:
        return _login(request, service)
    return _home(request, service, q=q, searched="q" in request.query_params)


@router.post("/login")
async def login(request: Request, service: ServiceDep) -> Response:
    form = await _form(request) or {}
    token = form.get("token")
    try:
        session_id = service.open_clerk_session(token if isinstance(token, str) else "")
    except IssuerError:
        return _login(request, service, "login")
    response = redirect("/clerk")
    secure = service.issuer.startswith("https://")
    response.set_cookie(
        SESSION_COOKIE, session_id, path="/clerk", httponly=True, samesite="strict", secure=secure
    )
    return response


@router.post("/logout")
def logout(request: Request, service: ServiceDep) -> Response:
    service.close_clerk_session(request.cookies.get(SESSION_COOKIE))
    response = redirect("/clerk", "signed_out")
    response.delete_cookie(SESSION_COOKIE, path="/clerk")
    return response


@router.post("/persons")
async def enrol(request: Request, service: ServiceDep) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service, "signed_out")
    form = await _form(request)
    if form is None:
        return message_page(request, service, 400, "form_unreadable")
    lang = lang_of(request)
    data = read_person(form)
    try:
        same = service.namesakes(service.validate_person(data))
        # enrolled only once the clerk has said these very namesakes are someone else
        if same and form.get("different") != ",".join(p.id for p in same):
            return _home(request, service, form=form, namesakes=same, status=409)
        person = service.enrol_person(data, actor=_actor(token))
    except InvalidDocument as exc:
        problems = problems_of(exc, "", lang, order=PERSON_ORDER)
        return _home(request, service, form=form, problems=problems, status=422)
    except Conflict:
        error = words(REFUSALS, "person_taken", lang)
        return _home(request, service, form=form, status=409, error=error)
    return redirect(f"/clerk/persons/{person.id}", "enrolled")


def _person_page(
    request: Request,
    service: Any,
    token: AdminToken,
    person_id: str,
    *,
    chosen: str = "",
    form: dict[str, Any] | None = None,
    problems: Problems | None = None,
    extra_rows: dict[str, int] | None = None,
    status: int = 200,
    error: str | None = None,
    photo_error: str | None = None,
) -> HTMLResponse:
    lang = lang_of(request)
    try:
        person = service.person(person_id, actor=_actor(token))
    except NotFound:
        return message_page(request, service, 404, "person_missing")
    chosen = chosen if chosen in DOCUMENT_TYPES else "id-card"
    problems = problems or Problems()
    today = service.now().date()
    forms = {
        key: document_form(
            key,
            form or {},
            lang,
            problems if key == chosen else Problems(),
            extra_rows if key == chosen else None,
        )
        for key in DOCUMENT_TYPES
    }
    view = person_view(person, lang)
    return render(
        request,
        service,
        "person.html",
        title=f"{TEXT['person_title'][lang]} — {view['name']}",
        here=with_query(f"/clerk/persons/{person.id}", type=chosen),
        status=status,
        person=view,
        documents=[document_view(d, lang, today) for d in person.documents],
        types=type_choices(lang),
        chosen=chosen,
        forms=forms,
        summary=problems.summary,
        error=error,
        batch=DEFAULT_BATCH,
        portrait=_portrait_uri(service.portrait_png(person.id)),
        photo_error=photo_error,
        photo_types=",".join(PHOTO_TYPES),
    )


def _portrait_uri(png: bytes | None) -> str | None:
    """The stored portrait as an ``<img>``'s ``data:`` URI (never a URL the page fetches)."""
    return None if png is None else "data:image/png;base64," + base64.b64encode(png).decode()


@router.post("/persons/{person_id}/portrait")
async def portrait(person_id: str, request: Request, service: ServiceDep) -> Response:
    """The photo form: a new portrait, or the page again with why the photo was refused."""
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service, "signed_out")
    lang = lang_of(request)
    try:
        form = await request.form()
        upload = form.get("photo")
        photo = await upload.read() if isinstance(upload, UploadFile) else b""
        await form.close()
    except (HTTPException, ValueError, UnicodeError):
        return message_page(request, service, 400, "form_unreadable")
    reason = "photo_needed" if not photo else None
    if photo:
        try:
            service.set_portrait(person_id, photo, actor=_actor(token))
        except PortraitInvalid as exc:
            reason = exc.code if exc.code in ERRORS else "portrait_invalid"
        except NotFound:
            return message_page(request, service, 404, "person_missing")
    if reason is not None:
        return _person_page(
            request, service, token, person_id, status=422, photo_error=words(ERRORS, reason, lang)
        )
    return redirect(f"/clerk/persons/{person_id}#photo", "portrait_saved")


@router.get("/persons/{person_id}")
def person(person_id: str, request: Request, service: ServiceDep, type: str = "") -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service)
    return _person_page(request, service, token, person_id, chosen=type)


def _step(form: dict[str, Any]) -> tuple[str, dict[str, int]]:
    """What a submit button asked for: ``add`` (the default), ``choose`` a type, or one more
    row of a list (``row:<list>``)."""
    step = form.get("step")
    if not isinstance(step, str):
        return "add", {}
    if step.startswith("row:"):
        return "row", {step[4:]: 1}
    return ("choose", {}) if step == "choose" else ("add", {})


@router.post("/persons/{person_id}/documents")
async def add_document(person_id: str, request: Request, service: ServiceDep) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service, "signed_out")
    form = await _form(request)
    if form is None:
        return message_page(request, service, 400, "form_unreadable")
    lang = lang_of(request)
    doc_type = form.get("type")
    if not isinstance(doc_type, str) or doc_type not in DOCUMENT_TYPES:
        error = words(ERRORS, "type_unknown", lang)
        return _person_page(request, service, token, person_id, status=422, error=error)
    step, extra_rows = _step(form)
    page: dict[str, Any] = {"chosen": doc_type, "form": form, "extra_rows": extra_rows}
    if step != "add":
        return _person_page(request, service, token, person_id, **page)
    try:
        service.add_document(
            person_id, doc_type, read_document(form, doc_type), actor=_actor(token)
        )
    except InvalidDocument as exc:
        problems = problems_of(
            exc, doc_type, lang, document_fields(doc_type), document_order(doc_type)
        )
        return _person_page(
            request, service, token, person_id, problems=problems, status=422, **page
        )
    except NotFound:
        return message_page(request, service, 404, "person_missing")
    except Conflict as exc:
        problems = number_taken(doc_type, exc.field or "", exc.reason, lang)
        return _person_page(
            request, service, token, person_id, problems=problems, status=409, **page
        )
    return redirect(with_query(f"/clerk/persons/{person_id}", type=doc_type), "added")


def _refusal(action: str, document: Document) -> str:
    """Why ``action`` cannot be done to ``document`` (a conflict), as a key of REFUSALS."""
    if document.status == STATUS_INVALID:
        return "is_revoked"
    if action == "reinstate":
        return "not_suspended"
    if action in ("offer", "print") and document.status == STATUS_VALID:
        return "document_expired"
    return "not_valid"


def _offer_page(
    request: Request, service: Any, token: AdminToken, document: Document, batch: int
) -> HTMLResponse:
    from posvid.common import wording
    from posvid.common.qr_render import render_png

    lang = lang_of(request)
    offer = service.create_offer(document.id, batch_size=batch, actor=_actor(token))
    owner = service.person(document.person_id)
    png = base64.b64encode(render_png(offer.credential_offer_uri, module_px=6)).decode()
    seconds = max(0, int((offer.expires_at - service.now()).total_seconds()))
    return render(
        request,
        service,
        "offer.html",
        title=f"{TEXT['offer_title'][lang]} — {full_name(owner)}",
        here=f"/clerk/persons/{owner.id}",
        person_name=full_name(owner),
        person_id=owner.id,
        document={
            "id": document.id,
            "type": type_name(document.doc_type, lang),
            "number": document.number,
        },
        link=offer.credential_offer_uri,
        tx_code=offer.tx_code,
        png=png,
        until=wording.time_words(offer.expires_at, lang),
        seconds=seconds,
        batch=batch,
        done=words(DONE, "offered", lang),
    )


def _paper_pdf(service: Any, token: AdminToken, document: Document) -> Response:
    """The paper credential's A5 page, to print (issuer/paper_pdf.py); never cached."""
    from ...paper import issue_paper
    from ...paper_pdf import paper_pdf, portrait_image

    paper = issue_paper(service, document.id, actor=_actor(token))
    portrait = portrait_image(paper, service.portrait_png(paper.person_id))
    name = service.settings.display_names.get("uk", "")
    return Response(
        paper_pdf(paper, portrait, issuer_name=name),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="paper-{document.id}.pdf"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/documents/{document_id}/{action}")
async def document_action(
    document_id: str, action: str, request: Request, service: ServiceDep
) -> Response:
    token = _signed_in(request, service)
    if token is None:
        return _login(request, service, "signed_out")
    form = await _form(request)
    if form is None:
        return message_page(request, service, 400, "form_unreadable")
    if action not in ("offer", "print") and action not in _ACTIONS:
        return message_page(request, service, 404, "page_missing")
    try:
        document = service.document(document_id)
    except NotFound:
        return message_page(request, service, 404, "document_missing")
    lang = lang_of(request)
    if action in _ASK_FIRST and form.get("confirm") != "yes":
        return _confirm_page(request, service, token, document, action)
    try:
        if action == "offer":
            raw = form.get("batch")
            refused = InvalidDocument("must be a whole number", field="batch")
            refused.reason = "batch_number"
            batch = integer(raw if isinstance(raw, str) else "", refused)
            return _offer_page(request, service, token, document, batch)
        if action == "print":
            return _paper_pdf(service, token, document)
        service.set_document_status(document_id, _ACTIONS[action], actor=_actor(token))
    except InvalidDocument as exc:
        error = error_words(exc.reason, dict(exc.params), None, lang)
        return _person_page(request, service, token, document.person_id, status=422, error=error)
    except Conflict:
        error = words(REFUSALS, _refusal(action, document), lang)
        return _person_page(request, service, token, document.person_id, status=409, error=error)
    return redirect(f"/clerk/persons/{document.person_id}", _DONE[action])


def _confirm_page(
    request: Request, service: Any, token: AdminToken, document: Document, action: str
) -> HTMLResponse:
    lang = lang_of(request)
    owner = service.person(document.person_id)
    return render(
        request,
        service,
        "confirm.html",
        title=f"{TEXT['confirm_title'][lang]} — {full_name(owner)}",
        here=f"/clerk/persons/{owner.id}",
        action=action,
        question=TEXT[f"confirm_{action}"][lang],
        yes=TEXT[f"yes_{action}"][lang],
        person_name=full_name(owner),
        person_id=owner.id,
        document=document_view(document, lang, service.now().date()),
    )


@router.get("/{rest:path}")
def unknown(rest: str, request: Request, service: ServiceDep) -> Response:
    """Any other address under /clerk: a page that says so."""
    return message_page(request, service, 404, "page_missing")
