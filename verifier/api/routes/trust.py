"""The trust page: each trusted issuer and the age of its status lists, by the verifier's clock."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..deps import LangDep, VerifierDep
from ..views import page

router = APIRouter(include_in_schema=False)


@router.get("/trust")
def trust_page(request: Request, verifier: VerifierDep, lang: LangDep) -> HTMLResponse:
    """Trusted issuers, their document types, and minutes since each list was fetched."""
    fetched = verifier.status_ages()
    now = verifier.clock.now()
    issuers = []
    for record in verifier.trust.records():
        entry = verifier.trust.describe(record)
        entry["lists"] = [
            (uri, int((now - fetched[uri]) // 60) if uri in fetched else None)
            for uri in record.status_lists
        ]
        issuers.append(entry)
    return page(request, lang, "trust.html", issuers=issuers)
