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
    page.get_by_text("Tkachenko Bohdan").first.wait_for()  # the form posts and redirects
    page.select_option("#type", "id-card")
    page.fill("#document_number", "321654987")
    page.fill("#issue_date", "2021-05-05")
    page.fill("#issuing_authority", "2201")
    page.click("button:has-text('Add')")
    page.get_by_text("321654987").first.wait_for()
    page.click("button:has-text('Offer')")
    page.locator("img[alt=QR]").wait_for()
    code = page.inner_text(".code")
    assert code.isdigit()
    assert len(code) == 6
    page.close()
