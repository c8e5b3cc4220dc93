"""The printed paper credential as a test reads it: PDF → a 150 dpi page image (poppler's
``pdftoppm``) → the QR code's payload. Without poppler the test is skipped, or fails under CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from posvid.common.qr_scan import scan_image

__all__ = ["page_image", "read_page", "require_pdftoppm"]


def require_pdftoppm() -> str:
    """The ``pdftoppm`` program; none: skip (fail under ``CI=true``: ``make test`` installs it)."""
    found = shutil.which("pdftoppm")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("poppler's pdftoppm is missing: make test installs poppler-utils")
        pytest.skip("poppler's pdftoppm is not installed (Debian: apt install poppler-utils)")
    return found


def page_image(pdf: Path, dpi: int = 150) -> Image.Image:
    """The PDF's first page as an image at ``dpi``."""
    exe = require_pdftoppm()
    stem = pdf.with_suffix("")
    subprocess.run(
        [exe, "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)],
        check=True,
        timeout=60,
    )
    with Image.open(stem.with_suffix(".png")) as image:
        return image.convert("RGB")


def read_page(pdf: Path) -> str:
    """The one QR payload on the printed page."""
    result = scan_image(page_image(pdf))
    assert len(result.payloads) == 1, result
    return result.payloads[0]
