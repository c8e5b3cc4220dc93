"""``posvid-verifier check --portrait FILE``: the portrait's bytes, only from an inline image."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from verifier.cli import _write_portrait

EXE = str(Path(sys.executable).parent / "posvid-verifier")
WEBP = base64.b64decode("UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAQAcJaQAA3AA/v3AgAA=")


def test_the_portrait_is_written_as_its_bytes(tmp_path, capsys):
    out = tmp_path / "face.webp"
    _write_portrait("data:image/webp;base64," + base64.b64encode(WEBP).decode(), out)
    assert out.read_bytes() == WEBP
    assert "image/webp" in capsys.readouterr().err


@pytest.mark.parametrize(
    "value", [None, "https://evil.example/x.webp", "data:text/html;base64,PGI+"]
)
def test_no_portrait_or_a_foreign_one_writes_nothing(tmp_path, capsys, value):
    out = tmp_path / "face.webp"
    _write_portrait(value, out)
    assert not out.exists()
    assert "no portrait" in capsys.readouterr().err


def test_an_unwritable_file_is_a_usage_error(tmp_path):
    with pytest.raises(typer.Exit):
        _write_portrait("data:image/png;base64,iVBORw0KGgo=", tmp_path / "no" / "such" / "x.png")


def test_check_without_a_portrait_still_answers(tmp_path):
    env = {"POSVID_VERIFIER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [EXE, "check", "--text", "garbage", "--portrait", str(tmp_path / "p.webp")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "no portrait" in done.stderr
    assert not (tmp_path / "p.webp").exists()
