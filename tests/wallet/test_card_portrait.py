"""The wallet card shows a portrait only as an inline image, never as an address to fetch."""

from __future__ import annotations

import pytest

from wallet.api.card_words import image_uri

WEBP = "data:image/webp;base64,UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAQAcJaQAA3AA/v3AgAA="


@pytest.mark.parametrize(
    "value",
    [WEBP, "data:image/png;base64,iVBORw0KGgo=", "data:image/jpeg;base64,/9j/4AAQ"],
)
def test_inline_images_are_shown(value):
    assert image_uri(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "https://evil.example/face.webp",
        "//evil.example/x.png",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:text/html;base64,PGI+",
        WEBP + '" onerror="alert(1)',
        "data:image/webp,plain",
        "data:image/avif;base64,AAAA",
        None,
        42,
        "data:image/webp;base64," + "A" * 70_000,
    ],
)
def test_anything_else_is_not(value):
    assert image_uri(value) is None
