"""Files kept between an import's check and its confirmation: on disk under var/imports,
known to the session that uploaded them, taken by exactly one confirmation."""

import uuid
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(request: HttpRequest, content: bytes) -> str:
    """Keep a checked file for the user's confirmation; returns its token."""
    token = uuid.uuid4().hex
    (_folder() / f"{token}.xlsx").write_bytes(content)
    request.session[f"import-{token}"] = request.user.pk
    return token


def claim(request: HttpRequest, token: str) -> bytes | None:
    """The kept file, taken: the first confirmation gets it, every other one (sent at the same
    moment, or later, or by another user) gets None. Renaming is atomic, so of two requests
    racing for the same file exactly one finds it."""
    if not (token.isascii() and token.isalnum()) or len(token) != 32:
        return None
    if request.session.pop(f"import-{token}", None) != request.user.pk:
        return None
    kept = _folder() / f"{token}.xlsx"
    taken = kept.with_suffix(f".{uuid.uuid4().hex}.taken")
    try:
        kept.rename(taken)
    except FileNotFoundError:
        return None
    try:
        return taken.read_bytes()
    finally:
        taken.unlink(missing_ok=True)
