"""The issuer's clerk page in headless Debian Chromium: sign in, enrol, add an ID card, offer."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_enrol_add_document_and_show_the_offer(browser, issuer):
    base, service, _ = issuer
    token = service.create_admin_token("clerk", "browser test")
    page = browser.new_page(viewport={"width": 1024, "height": 900})
    page.goto(base + "/clerk")
    page.fill("#token", token)
    page.click("text=Sign in")
    page.fill("#family_name", "Ткаченко")
    page.fill("#given_name", "Богдан")
    page.fill("#birth_date", "1987-09-12")
    page.select_option("#sex", "M")
    page.fill("#record_number", "19870912-00321")
    page.click("button:has-text('Enrol')")
    assert "Tkachenko Bohdan" in page.content()
    page.select_option("#type", "id-card")
    page.fill("#document_number", "321654987")
    page.fill("#issue_date", "2021-05-05")
    page.fill("#issuing_authority", "2201")
    page.click("button:has-text('Add')")
    assert "321654987" in page.content()
    page.click("button:has-text('Offer')")
    page.locator("img[alt=QR]").wait_for()
    code = page.inner_text(".code")
    assert code.isdigit()
    assert len(code) == 6
    page.close()
