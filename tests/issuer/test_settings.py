"""Settings are parsed at one boundary: a wrong value is the issuer's own error, naming it."""

from __future__ import annotations

import pytest

from issuer.errors import SettingsInvalid
from issuer.settings import load_settings


def test_a_wrong_setting_is_settings_invalid_with_its_name():
    with pytest.raises(SettingsInvalid, match="https") as caught:
        load_settings(public_url="http://dmsu.gov.ua")
    assert caught.value.field == "public_url"
    with pytest.raises(SettingsInvalid) as caught:
        load_settings(port="eighty")
    assert caught.value.field == "port"


def test_good_settings_load():
    assert load_settings(public_url="https://dmsu.gov.ua/").issuer_url == "https://dmsu.gov.ua"


def test_the_identifier_stored_in_the_home_is_used_unless_one_is_given(tmp_path, monkeypatch):
    from issuer.home import store_identifier

    monkeypatch.delenv("POSVID_ISSUER_PUBLIC_URL", raising=False)
    assert load_settings(home=tmp_path).issuer_url == "http://127.0.0.1:8001"  # made before
    assert load_settings(home=tmp_path, port=9000).issuer_url == "http://127.0.0.1:9000"
    store_identifier(tmp_path, "http://127.0.0.1:9000")
    assert load_settings(home=tmp_path).issuer_url == "http://127.0.0.1:9000"
    assert load_settings(home=tmp_path, port=9001).issuer_url == "http://127.0.0.1:9000"
    given = load_settings(home=tmp_path, public_url="http://localhost:9002")
    assert given.issuer_url == "http://localhost:9002"
    monkeypatch.setenv("POSVID_ISSUER_PUBLIC_URL", "https://dmsu.example.gov.ua")
    assert load_settings(home=tmp_path).issuer_url == "https://dmsu.example.gov.ua"


def test_the_issuer_has_an_english_name(tmp_path, monkeypatch):
    monkeypatch.delenv("POSVID_ISSUER_DISPLAY_NAME", raising=False)
    monkeypatch.delenv("POSVID_ISSUER_DISPLAY_NAME_EN", raising=False)
    sample = load_settings(home=tmp_path)
    assert sample.display_names == {
        "uk": "Державна міграційна служба України",
        "en": "State Migration Service of Ukraine",
    }
    other = load_settings(home=tmp_path, display_name="Мінцифри")
    assert other.display_names["en"] == "Мінцифри"  # no English name known: the one it has
    named = load_settings(home=tmp_path, display_name="Мінцифри", display_name_en="Mintsyfra")
    assert named.display_names == {"uk": "Мінцифри", "en": "Mintsyfra"}
    monkeypatch.setenv("POSVID_ISSUER_DISPLAY_NAME_EN", "Ministry of Digital Transformation")
    assert load_settings(home=tmp_path).display_names["en"] == "Ministry of Digital Transformation"
