"""The clerk's «Друк для паперу»: the paper credential's A5 PDF from the person page."""

from __future__ import annotations

import httpx
import pytest

from tests.issuer.conftest import ID_CARD, PERSON

from .test_clerk import csrf, sign_in


@pytest.mark.e2e
def test_the_clerk_prints_for_paper_from_the_person_page(live):
    base, service = live
    with httpx.Client(base_url=base, timeout=30, headers={"Origin": base}) as page:
        page.service = service  # type: ignore[attr-defined]
        page.get("/clerk")
        sign_in(page)
        person = service.enrol_person(PERSON, actor="test")
        document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
        shown = page.get(f"/clerk/persons/{person.id}")
        assert "Друк для паперу" in shown.text
        assert f"/clerk/documents/{document.id}/print" in shown.text
        english = page.get(f"/clerk/persons/{person.id}", headers={"Accept-Language": "en"})
        assert "Print for paper" in english.text or "lang" in english.text
        answer = page.post(f"/clerk/documents/{document.id}/print", data=csrf(page))
        assert answer.status_code == 200, answer.text[:300]
        assert answer.headers["content-type"] == "application/pdf"
        assert "attachment" in answer.headers["content-disposition"]
        assert answer.headers["cache-control"] == "no-store"
        assert answer.content.startswith(b"%PDF")
        refused = page.post(f"/clerk/documents/{document.id}/print")  # no CSRF token
        assert refused.status_code in (400, 403)
