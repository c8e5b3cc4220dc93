"""The printed page of a paper credential: an A5 PDF (issue 13, item 6).

The holder's portrait (when there is one), the names in Cyrillic and Latin, the document type,
number and expiry, and a QR code at level Q of the ``PV2:`` payload of the paper credential (its
compact SD-JWT, every claim disclosed, no key binding), with one line for the officer in Ukrainian
and English. Library: reportlab, the text in DejaVu Sans embedded from Debian's
``fonts-dejavu-core`` (nothing downloaded); docs/issuer.md says why reportlab and not fpdf2.
"""

from __future__ import annotations

import base64
import io
import os
from functools import cache
from pathlib import Path
from typing import Final

from PIL import Image
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from crypto import encode_qr_payload
from posvid.common.qr_render import render_png

from .paper import PaperCredential

__all__ = [
    "FONT_FOLDERS",
    "PaperFontMissing",
    "paper_pdf",
    "portrait_image",
    "qr_box_px",
    "write_private",
]

#: where Debian's fonts-dejavu-core puts DejaVu Sans (the Makefile installs it)
FONT_FOLDERS: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
FONT, BOLD = "PosvidDejaVu", "PosvidDejaVuBold"
#: the QR code's width on the page: about 0.75 mm a module at version 30 (4.4 pixels at 150 dpi)
QR_WIDTH_MM: Final = 112
#: the QR code's lower edge above the page's
QR_BOTTOM_MM: Final = 24
OFFICER_LINES: Final = (
    "Для посадової особи: відскануйте QR-код перевіряльником Posvid і порівняйте фото з особою.",
    "Officer: scan the QR code with a Posvid verifier and compare the photo with the person.",
)
TITLE: Final = "Посвідчення на папері · Paper credential"


class PaperFontMissing(RuntimeError):
    """DejaVu Sans is not installed (Debian: fonts-dejavu-core): a broken installation."""


@cache
def _fonts() -> None:
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            return
    raise PaperFontMissing("DejaVu Sans is needed to print (Debian: apt install fonts-dejavu-core)")


def portrait_image(paper: PaperCredential, stored_png: bytes | None) -> bytes | None:
    """The picture to print: the stored portrait, else the credential's ``portrait`` claim."""
    if stored_png:
        return stored_png
    claim = paper.claims.get("portrait")
    if isinstance(claim, str) and claim.startswith("data:image/") and ";base64," in claim:
        return base64.b64decode(claim.split(";base64,", 1)[1])
    return None


def paper_pdf(paper: PaperCredential, portrait: bytes | None, *, issuer_name: str = "") -> bytes:
    """The A5 page of ``paper`` as PDF bytes."""
    _fonts()
    claims = paper.claims
    out = io.BytesIO()
    width, height = A5
    page = Canvas(out, pagesize=A5, pageCompression=1)
    page.setTitle(TITLE)
    page.setAuthor(issuer_name or "Posvid")
    margin = 12 * mm
    top = height - margin
    page.setFont(BOLD, 11)
    page.drawString(margin, top - 4 * mm, TITLE)
    if issuer_name:
        page.setFont(FONT, 8)
        page.drawString(margin, top - 9 * mm, issuer_name)
    text_x, photo_top = margin, top - 14 * mm
    if portrait:
        photo_w, photo_h = 30 * mm, 37.5 * mm
        with Image.open(io.BytesIO(portrait)) as image:
            picture = ImageReader(image.convert("L"))
            page.drawImage(picture, margin, photo_top - photo_h, photo_w, photo_h)
        text_x = margin + photo_w + 6 * mm
    cyrillic = " ".join(str(claims.get(k, "")) for k in ("family_name", "given_name")).strip()
    latin = " ".join(
        str(claims.get(k, "")) for k in ("family_name_latin", "given_name_latin")
    ).strip()
    lines: list[tuple[str, int, str]] = [
        (BOLD, 14, cyrillic),
        (BOLD, 12, latin.upper()),
        (FONT, 9, paper.doc_type.names[0]),
        (FONT, 9, paper.doc_type.names[1]),
        (FONT, 10, f"№ / No. {claims.get('document_number', paper.number)}"),
        (FONT, 10, f"Дійсний до / Valid until {paper.expiry_date.isoformat()}"),
    ]
    if claims.get("birth_date"):
        lines.insert(2, (FONT, 10, f"Дата народження / Born {claims['birth_date']}"))
    y = photo_top - 5 * mm
    for font, size, text in lines:
        page.setFont(font, size)
        page.drawString(text_x, y, text)
        y -= (size + 4) * 0.3528 * mm * 1.2
    qr = render_png(encode_qr_payload(paper.compact), medium="paper", module_px=4)
    side = QR_WIDTH_MM * mm
    qr_y = QR_BOTTOM_MM * mm
    with Image.open(io.BytesIO(qr)) as image:
        page.drawImage(ImageReader(image.convert("1")), (width - side) / 2, qr_y, side, side)
    page.setFont(FONT, 7.5)
    for i, line in enumerate(OFFICER_LINES):
        page.drawCentredString(width / 2, 16 * mm - i * 4 * mm, line)
    page.showPage()
    page.save()
    return out.getvalue()


def qr_box_px(dpi: int) -> tuple[int, int, int, int]:
    """Where the QR code (with its quiet zone) is on the page rendered at ``dpi``: left, top,
    right, bottom pixels (for tests and the bench that photograph the printed page)."""
    width, height = A5
    px = dpi / 72  # points to pixels
    side = QR_WIDTH_MM * mm * px
    left = (width * px - side) / 2
    top = (height - QR_BOTTOM_MM * mm) * px - side
    return round(left), round(top), round(left + side), round(top + side)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by its owner only (0600), replacing what was there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
    finally:
        os.close(fd)
