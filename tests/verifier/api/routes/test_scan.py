"""``POST /scan/frame``: camera frames from the page, a verdict page when one holds a code;
bounded in bytes, pixels and frames per second, and only from the page (its CSRF token)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from crypto import FixedClock, SigningKey
from posvid.common.qr_render import render_png
from tests.support.camera import camera_frame, jpeg
from tests.support.factory import ISSUER, VCT, presentation
from tests.support.servers import serve_app
from tests.verifier.api.test_app import page_client
from verifier.api.app import create_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings

pytestmark = pytest.mark.e2e
PER_SECOND = 3


@pytest.fixture
def http(tmp_path: Path, clock: FixedClock, issuer_key: SigningKey) -> Iterator[httpx.Client]:
    """The page's client of a verifier trusting the factory's issuer, at the factory's time."""
    settings = VerifierSettings(home=tmp_path / "v", frames_per_second=PER_SECOND)
    verifier = Verifier(settings, clock=clock)
    entry = {"issuer": ISSUER, "jwks": {"keys": [issuer_key.public_jwk()]}, "vcts": [VCT]}
    (tmp_path / "issuer.json").write_text(json.dumps(entry))
    verifier.trust.import_file(tmp_path / "issuer.json")
    with serve_app(create_app(verifier=verifier)) as url, page_client(url) as client:
        yield client
    verifier.close()


def send(http: httpx.Client, frame: bytes, **query: str) -> httpx.Response:
    return http.post("/scan/frame", params=query, content=frame, headers=JPEG)


JPEG = {"content-type": "image/jpeg"}


def test_a_frame_without_a_code_asks_for_the_next(http):
    answer = send(http, jpeg(camera_frame(None)))
    assert (answer.status_code, answer.json()) == (200, {"verdict": None})


def test_a_frame_with_a_code_answers_with_its_verdict_page(http, issuer_key, holder_key):
    qr = render_png(presentation(issuer_key, holder_key))
    answer = send(http, jpeg(camera_frame(qr)), lang="pl", expect="age:18")
    where = answer.json()["verdict"]
    assert where.startswith("/verdict/")
    assert where.endswith("?lang=pl")
    assert answer.cookies["expect"] == "age:18"
    assert 'class="verdict' in http.get(where).text


def test_frames_are_bounded_in_bytes_and_pixels(http):
    limit = 512 * 1024
    too_big = send(http, b"\xff" * (limit + 1))
    assert (too_big.status_code, too_big.json()["code"]) == (413, "request_too_large")
    streamed = http.post("/scan/frame", content=iter([b"\xff" * limit, b"\xff"]), headers=JPEG)
    assert (streamed.status_code, streamed.json()["code"]) == (413, "request_too_large")
    wide = send(http, jpeg(Image.new("L", (1600, 900), 128)))
    assert (wide.status_code, wide.json()["code"]) == (413, "request_too_large")
    junk = send(http, b"not a picture")
    assert (junk.status_code, junk.json()["code"]) == (422, "request_invalid")


def test_too_many_frames_in_a_second_wait(http, clock):
    frame = jpeg(camera_frame(None))
    assert all(send(http, frame).status_code == 200 for _ in range(PER_SECOND))
    refused = send(http, frame)
    assert (refused.status_code, refused.json()["code"]) == (429, "too_many_frames")
    assert refused.headers["retry-after"] == "1"
    clock.advance(1)
    assert send(http, frame).status_code == 200


def test_a_frame_comes_only_from_the_page(http):
    del http.headers["x-csrf-token"]
    refused = send(http, jpeg(camera_frame(None)))
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf_invalid")
