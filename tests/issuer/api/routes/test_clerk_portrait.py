"""The clerk page's photo form: a phone-sized photo is taken, a photo without a face is refused
next to the field in the page's language, the saved portrait is shown as a data: URI."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.issuer.api.routes.test_clerk import csrf, page, sign_in  # noqa: F401 - the fixture
from tests.issuer.conftest import PERSON

pytestmark = pytest.mark.e2e
skdata = pytest.importorskip("skimage.data")


def photo(name: str, side: int = 0) -> bytes:
    image = Image.fromarray(getattr(skdata, name)())
    if side:  # a phone-sized photo: megabytes, far over the app's 256 KiB body limit
        image = image.resize((side, side))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=97)
    return out.getvalue()


def test_a_phone_photo_is_saved_and_shown_and_a_cup_is_refused_in_words(page):  # noqa: F811
    sign_in(page)
    person = page.service.enrol_person(PERSON, actor="test")  # type: ignore[attr-defined]
    url = f"/clerk/persons/{person.id}"
    before = page.get(url).text
    assert 'capture="user"' in before
    assert 'accept="image/jpeg,image/png,image/webp"' in before
    assert "Фото ще немає" in before
    big = photo("astronaut", 2400)
    assert len(big) > 1024 * 1024
    files = {"photo": ("face.jpg", big, "image/jpeg")}
    saved = page.post(f"{url}/portrait", data=csrf(page), files=files)
    assert saved.status_code == 303, saved.text[:300]
    shown = page.get(url).text
    assert "Фото збережено" in shown
    assert 'src="data:image/png;base64,' in shown
    cup = {"photo": ("cup.jpg", photo("coffee"), "image/jpeg")}
    refused = page.post(f"{url}/portrait", data=csrf(page), files=cup)
    assert refused.status_code == 422
    assert "На фото не знайдено обличчя" in refused.text
    english = page.post(f"{url}/portrait?lang=en", data=csrf(page), files=cup)
    assert english.status_code == 422
    assert "No face was found in the photo" in english.text
    empty = page.post(
        f"{url}/portrait?lang=uk", data=csrf(page), files={"photo": ("x.jpg", b"", "")}
    )
    assert "Оберіть файл із фото" in empty.text
