"""What a page must never show a person: the program's own words.

``raw_text_problems(page, lang)`` reads what Chromium renders (the visible text, the title, the
placeholders and button labels) and returns every piece of it that looks like the program talking:
a claim name (``family_name``), a URN, a Python ``repr`` (``{'18': True}``, ``[...]``, ``None``),
an ISO date or time, an error code in brackets (``[document_invalid]``), an exception name,
a template's file name, and — on a page in Ukrainian — a run of English words (a developer message
left untranslated). An element marked ``data-raw-ok`` (a link to copy, a Latin name, the language
switch) is left out on purpose, with its subtree.
"""

from __future__ import annotations

import re
from typing import Any

_READ_PAGE = """() => {
  const skip = (el) => el.closest('[data-raw-ok], script, style, noscript, template');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (node.textContent.trim()) out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], img[alt]')) {
    if (skip(el)) continue;
    for (const a of ['placeholder', 'title', 'aria-label', 'alt']) {
      const v = el.getAttribute(a); if (v) out.push(v.trim());
    }
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) {
    if (!skip(el) && el.value) out.push(el.value.trim());
  }
  out.push(document.title);
  return out;
}"""

PATTERNS: dict[str, re.Pattern[str]] = {
    "claim or code name": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "URN": re.compile(r"\burn:[a-z0-9]", re.I),
    "Python repr": re.compile(r"\{'|\['|'\]|'\}|\bTrue\b|\bFalse\b|\bNone\b|<[a-z]+ object at"),
    "ISO date or time": re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?"),
    "error code in brackets": re.compile(r"\[[a-z_]+\]"),
    "exception name": re.compile(r"\b[A-Z][a-z]+(?:Error|Exception)\b|Traceback"),
    "template file name": re.compile(r"\b\w+\.html\b"),
    "internal server error": re.compile(r"Internal Server Error|Method Not Allowed"),
    "URL": re.compile(r"\bhttps?://|openid-credential-offer://"),
}
#: on a Ukrainian page, three English words in a row are an untranslated message
_ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,()]+[a-z]+){2,}\b")


def raw_text_problems(page: Any, lang: str) -> list[str]:
    """Every piece of ``page``'s rendered text that is the program's, not the person's, words."""
    texts: list[str] = page.evaluate(_READ_PAGE)
    problems = []
    for text in texts:
        for what, pattern in PATTERNS.items():
            found = pattern.search(text)
            if found:
                problems.append(f"{what}: {found.group(0)!r} in {text[:120]!r}")
        if lang == "uk":
            english = _ENGLISH_RUN.search(text)
            if english:
                problems.append(
                    f"English on a Ukrainian page: {english.group(0)!r} in {text[:120]!r}"
                )
    return problems


def assert_words_for_people(page: Any, lang: str) -> None:
    """Fail with every raw piece of text the page shows (see :func:`raw_text_problems`)."""
    problems = raw_text_problems(page, lang)
    assert not problems, f"{page.url} ({lang}) shows the program's words:\n" + "\n".join(problems)
