"""Screenshots of the pages the browser tests walk: kept with the test's output, and in docs.

``shot(page, folder, name)`` saves a full-page PNG in ``folder`` (the test's ``tmp_path``, kept
by pytest with the run's output) and, when ``POSVID_SCREENSHOTS`` names a folder (``make
screenshots`` sets it to ``docs/img``), a copy there: the documentation's pictures are made by the
test suite, never by hand.
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
    if docs:
        Path(docs).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(docs) / path.name)
    return path
