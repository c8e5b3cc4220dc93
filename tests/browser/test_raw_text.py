"""The raw-text check itself: it finds the program's words and leaves people's words alone."""

from __future__ import annotations

import pytest

from tests.support.raw_text import raw_text_problems

pytestmark = pytest.mark.browser

RAW = [
    ("<p>family_name: Шевченко</p>", "claim or code name"),
    ("<p>Тип: urn:ua:posvid:id-card:1</p>", "URN"),
    ("<p>Вік: {'18': True}</p>", "Python repr"),
    ("<p>Дійсний до 2030-01-01</p>", "ISO date or time"),
    ("<p>[document_invalid] номер</p>", "error code in brackets"),
    ("<title>person.html</title><p>x</p>", "template file name"),
    ("<p>Internal Server Error</p>", "internal server error"),
    ("<p>wrong PIN (4 wrong in a row)</p>", "English on a Ukrainian page"),
    ('<input placeholder="openid-credential-offer://...">', "URL"),
]


@pytest.mark.parametrize(("html", "what"), RAW)
def test_raw_text_is_found(browser, html, what):
    page = browser.new_page()
    page.set_content(html)
    problems = raw_text_problems(page, "uk")
    page.close()
    assert any(p.startswith(what) for p in problems), problems


def test_words_for_people_pass_and_marked_values_are_left_out(browser):
    page = browser.new_page()
    page.set_content(
        "<title>Документи — Posvid</title><p>Дата народження: 15.03.1990 · 18 або старше: так</p>"
        '<p data-raw-ok><a href="#">openid-credential-offer://x?a_b=1</a></p><button>Показати</button>'
    )
    assert raw_text_problems(page, "uk") == []
    page.close()
