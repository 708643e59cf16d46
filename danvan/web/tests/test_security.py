"""Production security settings, the content security policy and what is never served."""

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from danvan.conftest import Personas

SETTINGS_FILE = Path(settings.BASE_DIR) / "settings.py"
PRODUCTION = {"DANVAN_DEBUG": "0", "DANVAN_SECRET_KEY": "production-" + "k" * 50}


def settings_under(monkeypatch, environment: dict[str, str]) -> dict:
    """danvan's settings as a server started with this environment reads them."""
    for name in ("DANVAN_HTTPS", "DANVAN_SSL_REDIRECT", "DANVAN_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_production_settings_are_secure(monkeypatch) -> None:
    production = settings_under(monkeypatch, PRODUCTION)
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_HSTS_PRELOAD"]
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    policy = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


def test_debug_mode_drops_https_only_when_asked(monkeypatch) -> None:
    assert "SESSION_COOKIE_SECURE" not in settings_under(monkeypatch, {"DANVAN_DEBUG": "1"})


def test_check_deploy_is_clean() -> None:
    environment = {
        "PATH": "/usr/bin:/bin",
        **PRODUCTION,
        "DANVAN_ALLOWED_HOSTS": "danvan.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "-m", "danvan", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_carry_the_content_security_policy(personas: Personas) -> None:
    response = personas.client(personas.province_officer).get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|<style", re.IGNORECASE)


def test_no_template_has_inline_script_or_style() -> None:
    """The policy would block them in the browser; keep them in static files."""
    templates = Path(settings.BASE_DIR).glob("*/templates/**/*.html")
    offenders = [
        f"{path}: {match.group(0)}"
        for path in templates
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_uploads_are_never_served_directly(personas: Personas) -> None:
    """Uploaded files go out only through views that check permission: no URL maps to
    MEDIA_ROOT, whoever asks."""
    folder = Path(settings.MEDIA_ROOT) / "test-never-served"
    folder.mkdir(parents=True, exist_ok=True)
    upload = folder / "minutes.pdf"
    upload.write_bytes(b"%PDF-1.4 secret")
    try:
        for url in ("/media/test-never-served/minutes.pdf", "/var/media/minutes.pdf"):
            with pytest.raises(Resolver404):
                resolve(url)
            for client in (personas.client(personas.central_admin), Client()):
                assert client.get(url).status_code == 404
    finally:
        upload.unlink()
        folder.rmdir()


def test_the_api_pages_keep_scripts_out_of_line(personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    docs = client.get("/api/docs/")
    assert not re.search(r"<script(?![^>]*\bsrc=)", docs.content.decode())
    assert "unsafe-inline" not in docs["Content-Security-Policy"]
    # DRF's own HTML pages have inline styles: allowed there, scripts still not.
    browsable = client.get("/api/units/", HTTP_ACCEPT="text/html")
    policy = browsable["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src" not in policy
