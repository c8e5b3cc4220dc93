"""Screenshots of the pages the browser tests walk: kept with the test's output, and in docs.

``shot(page, folder, name)`` saves a full-page PNG in ``folder`` (the test's ``tmp_path``, kept
by pytest with the run's output) and, when ``POSVID_SCREENSHOTS`` names a folder (``make
screenshots`` sets it to ``docs/img``), a copy there of each picture the documentation shows
(``img/<name>.png`` named in a Markdown file beside that folder): the documentation's pictures are
made by the test suite, never by hand, and refreshed without leaving unused ones behind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any


def shot(page: Any, folder: Path, name: str) -> Path:
    """Save ``page`` as ``folder/name.png`` (and in ``$POSVID_SCREENSHOTS``); its path."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    docs = os.environ.get("POSVID_SCREENSHOTS")
    if docs and _shown_in_docs(Path(docs), path.name):
        shutil.copyfile(path, Path(docs) / path.name)
    return path


def _shown_in_docs(pictures: Path, name: str) -> bool:
    """Whether a Markdown file beside ``pictures`` shows ``<pictures name>/<name>``."""
    wanted = f"{pictures.name}/{name}"
    return any(wanted in doc.read_text(encoding="utf-8") for doc in pictures.parent.glob("*.md"))
