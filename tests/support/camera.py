"""A camera for tests: grey 1280×720 pictures with a QR code in them, as JPEG frames or as a
YUV4MPEG2 video for Chromium's fake camera (``--use-file-for-fake-video-capture``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final

from PIL import Image

WIDTH: Final = 1280
HEIGHT: Final = 720
FPS: Final = 10


def camera_frame(qr_png: bytes | None, side: int = 600) -> Image.Image:
    """A grey camera picture, with the QR code (``side`` pixels) in the middle when given."""
    frame = Image.new("L", (WIDTH, HEIGHT), 128)
    if qr_png is not None:
        code = Image.open(io.BytesIO(qr_png)).convert("L").resize((side, side), Image.NEAREST)
        frame.paste(code, ((WIDTH - side) // 2, (HEIGHT - side) // 2))
    return frame


def jpeg(picture: Image.Image, quality: int = 80) -> bytes:
    """``picture`` as the page sends it: a JPEG."""
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality)
    return out.getvalue()


def write_y4m(path: Path, frames: list[Image.Image]) -> Path:
    """Grayscale camera pictures as a YUV4MPEG2 4:2:0 video at ``FPS`` (neutral chroma)."""
    chroma = bytes([128]) * ((WIDTH // 2) * (HEIGHT // 2) * 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            out.write(b"FRAME\n" + frame.tobytes() + chroma)
    return path
