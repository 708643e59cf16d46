"""The Vietnamese catalogue is complete: every source string has a translation."""

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def catalogue_ids() -> dict:
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    return {message.id: message for message in catalog if message.id}


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    for msgid, message in catalogue_ids().items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {msgid!r}"
        assert not message.fuzzy, f"fuzzy: {msgid!r}"


def test_the_catalogue_holds_every_string_in_the_source(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed: cannot extract source strings")
    copy = tmp_path / "danvan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").unlink()
    manage = PACKAGE.parent / ".venv" / "bin" / "danvan"
    command = [
        str(manage) if manage.exists() else "danvan",
        "makemessages",
        "--locale",
        "vi",
        "--no-location",
        "--no-obsolete",
    ]
    subprocess.run(command, cwd=copy, check=True, capture_output=True)
    with (copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    missing = extracted - set(catalogue_ids())
    assert not missing, f"not in the Vietnamese catalogue: {sorted(map(str, missing))}"
