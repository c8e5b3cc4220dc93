"""The printed paper credential: its QR version at level Q and how often a photo of the printed
page reads (issue 13, item 8).

An issuer on a throwaway SQLite database prints the paper credential of an ID card whose holder
has a portrait (scikit-image's astronaut, a real face a package ships; without scikit-image, no
portrait); the PDF is rendered at 150 dpi with poppler's ``pdftoppm`` and photographed like the
degraded-photo set (``photos.photo_of_print``: 120 seeds, the same conditions as ``photos.photo``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pydantic import SecretStr

from crypto import encode_qr_payload
from issuer.paper import issue_paper
from issuer.paper_pdf import paper_pdf, portrait_image, qr_box_px
from issuer.service import IssuerService
from issuer.settings import IssuerSettings
from posvid.common.qr_render import qr_version
from posvid.common.qr_scan import scan_image

from . import photos

PHOTOS = 120
DPI = 150


def _face() -> bytes | None:
    try:
        from skimage import data
    except ImportError:
        return None
    out = io.BytesIO()
    face = data.astronaut()  # type: ignore[no-untyped-call]
    Image.fromarray(face).save(out, "JPEG", quality=90)
    return out.getvalue()


def _printed(folder: Path) -> tuple[str, Path, int]:
    """The paper credential's PV2 payload, its PDF, and the portrait's claim bytes (0: none)."""
    settings = IssuerSettings(
        home=folder,
        database_url=f"sqlite:///{folder / 'paper.db'}",
        public_url="https://issuer.posvid.example",
        key_passphrase=SecretStr("bench paper passphrase"),
    )
    service = IssuerService(settings)
    try:
        person = service.enrol_person(
            {
                "family_name": "Бондаренко",
                "given_name": "Галина",
                "birth_date": "1948-05-09",
                "sex": "F",
                "record_number": "19480509-00001",
            },
            actor="bench",
        )
        face = _face()
        if face is not None:
            service.set_portrait(person.id, face, actor="bench")
        document = service.add_document(
            person.id,
            "id-card",
            {
                "document_number": "700000001",
                "issue_date": "2022-01-01",
                "issuing_authority": "4321",
            },
            actor="bench",
        )
        paper = issue_paper(service, document.id, actor="bench")
        pdf = folder / "paper.pdf"
        pdf.write_bytes(paper_pdf(paper, portrait_image(paper, service.portrait_png(person.id))))
        claim = paper.claims.get("portrait")
        return encode_qr_payload(paper.compact), pdf, len(claim) if isinstance(claim, str) else 0
    finally:
        service.engine.dispose()


def run() -> dict[str, float]:
    """``qr_version_paper_Q`` and ``decode_success_rate_paper`` (needs poppler's pdftoppm)."""
    exe = shutil.which("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        payload, pdf, portrait_chars = _printed(folder)
        version = qr_version(payload, "Q")
        figures: dict[str, float] = {"qr_version_paper_Q": version}
        print(f"  paper credential: {len(payload)} chars, v{version} at Q", end="")
        print(f" (portrait claim {portrait_chars} chars)" if portrait_chars else " (no portrait)")
        if exe is None:
            print(
                "  pdftoppm missing (Debian: poppler-utils): decode_success_rate_paper not measured"
            )
            return figures
        subprocess.run(
            [exe, "-r", str(DPI), "-png", "-singlefile", str(pdf), str(folder / "page")],
            check=True,
            timeout=60,
        )
        with Image.open(folder / "page.png") as image:
            page = image.convert("L")
    modules = version * 4 + 17 + 8
    box = qr_box_px(DPI)
    read = 0
    for seed in range(PHOTOS):
        jpeg, _ = photos.photo_of_print(page, box, modules, seed)
        read += scan_image(jpeg).payloads[:1] == [payload]
    figures["decode_success_rate_paper"] = round(read / PHOTOS, 3)
    print(f"  {PHOTOS} photos of the page at {DPI} dpi: {read / PHOTOS:.1%} read")
    return figures
