"""The portrait claim's encoder: budget, minimum size, smallest encoding reaching the floor."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from issuer.errors import PortraitOverBudget
from issuer.portrait import make_portrait
from issuer.portrait_claim import (
    CLAIM_NAME,
    DEFAULT_BUDGET,
    MIN_SIZE,
    SSIM_FLOOR,
    available_formats,
    encode_as,
    encode_portrait_claim,
    ssim,
)

skdata = pytest.importorskip("skimage.data")


@pytest.fixture(scope="module")
def portrait() -> Image.Image:
    out = io.BytesIO()
    Image.fromarray(skdata.astronaut()).save(out, "PNG")
    return make_portrait(out.getvalue()).image


def decode_uri(uri: str) -> tuple[str, Image.Image]:
    head, _, body = uri.partition(",")
    assert head.startswith("data:")
    assert head.endswith(";base64")
    image = Image.open(io.BytesIO(base64.b64decode(body, validate=True)))
    return head[5:-7], image


def test_the_claim_is_named_portrait():
    assert CLAIM_NAME == "portrait"


def test_the_default_meets_its_budget_size_and_floor(portrait):
    encoded = encode_portrait_claim(portrait)
    assert len(encoded.data) <= DEFAULT_BUDGET
    assert encoded.size == MIN_SIZE
    assert encoded.ssim >= SSIM_FLOOR
    media_type, image = decode_uri(encoded.data_uri)
    assert media_type == encoded.media_type
    assert image.size == MIN_SIZE
    assert image.format == encoded.format.upper()


def test_it_is_the_smallest_encoding_reaching_the_floor(portrait):
    encoded = encode_portrait_claim(portrait)
    small = portrait.resize(MIN_SIZE, Image.Resampling.LANCZOS)
    for fmt in available_formats():
        for quality in range(0, 101, 5):
            other = encode_as(small, fmt, quality)
            if other.ssim >= SSIM_FLOOR:
                assert len(other.data) >= len(encoded.data) - 8, (
                    fmt,
                    quality,
                )  # search is exact to a step


@pytest.mark.parametrize("budget", [400, 700, 1500])
def test_any_budget_is_met(portrait, budget):
    encoded = encode_portrait_claim(portrait, budget=budget)
    assert len(encoded.data) <= budget


def test_a_larger_budget_with_a_higher_floor_buys_quality(portrait):
    low = encode_portrait_claim(portrait)
    high = encode_portrait_claim(portrait, budget=1500, floor=0.9)
    assert high.ssim >= 0.9 > low.ssim


def test_a_budget_nothing_fits_is_refused(portrait):
    with pytest.raises(PortraitOverBudget) as caught:
        encode_portrait_claim(portrait, budget=100)
    assert caught.value.field == "portrait"


def test_under_the_minimum_size_is_refused(portrait):
    with pytest.raises(ValueError, match="96"):
        encode_portrait_claim(portrait, size=(72, 90))


def test_a_larger_size_is_allowed(portrait):
    encoded = encode_portrait_claim(portrait, size=(120, 150), budget=1200)
    assert encoded.size == (120, 150)
    assert len(encoded.data) <= 1200


@pytest.mark.parametrize("fmt", available_formats())
def test_each_format_alone(portrait, fmt):
    encoded = encode_portrait_claim(portrait, formats=[fmt], budget=900)
    assert encoded.format == fmt
    assert encoded.data_uri.startswith(f"data:image/{fmt};base64,")


def test_avif_is_available_in_this_pillow():
    """Pillow's wheels carry libavif since 11.2: both formats are tried."""
    assert "avif" in available_formats()


@pytest.mark.parametrize("fmt", available_formats())
def test_the_encodings_carry_no_metadata(portrait, fmt):
    data = encode_as(portrait.resize(MIN_SIZE), fmt, 30).data
    for marker in (b"Exif", b"XMP", b"<x:xmpmeta", b"ICCP", b"prof"):
        assert marker not in data


def test_ssim_is_one_for_the_same_image_and_lower_for_noise(portrait):
    assert ssim(portrait, portrait) == pytest.approx(1.0)
    rng = np.random.default_rng(1)
    noise = Image.fromarray(rng.integers(0, 256, portrait.size[::-1], dtype=np.uint8))
    assert ssim(portrait, noise) < 0.1


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 255), st.integers(0, 2**32 - 1))
def test_any_picture_meets_the_budget_or_is_refused(level, seed):
    rng = np.random.default_rng(seed)
    pixels = np.clip(level + rng.normal(0, 40, (300, 240)), 0, 255).astype(np.uint8)
    try:
        encoded = encode_portrait_claim(Image.fromarray(pixels))
    except PortraitOverBudget:
        return
    assert len(encoded.data) <= DEFAULT_BUDGET
    assert encoded.size == MIN_SIZE
