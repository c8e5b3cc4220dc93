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
