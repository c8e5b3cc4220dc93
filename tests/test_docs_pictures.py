"""The documentation's pictures: each one shown exists, each one kept is shown, and
``make screenshots`` copies only those (tests/support/screenshots.py)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.screenshots import _shown_in_docs

DOCS = Path(__file__).resolve().parents[1] / "docs"
SHOWN = re.compile(r"img/([A-Za-z0-9._-]+\.png)")


def test_every_picture_shown_exists_and_every_picture_kept_is_shown():
    shown = {m for doc in DOCS.glob("*.md") for m in SHOWN.findall(doc.read_text("utf-8"))}
    kept = {p.name for p in (DOCS / "img").glob("*.png")}
    assert shown - kept == set(), "shown in docs/ but missing from docs/img/"
    assert kept - shown == set(), "kept in docs/img/ but shown nowhere"


def test_only_pictures_a_doc_shows_are_copied(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "page.md").write_text("![the card](img/card-uk-390.png)", "utf-8")
    assert _shown_in_docs(tmp_path / "img", "card-uk-390.png")
    assert not _shown_in_docs(tmp_path / "img", "card-en-1366.png")
