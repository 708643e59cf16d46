"""Shared fixtures: the official units (loaded once per run) and the four personas."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_assign, user_create
from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.official import CENTRAL_CODE, official_units_load
from danvan.units.selectors import unit_by_code
from danvan.units.services import unit_create

PASSWORD = "persona-password-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The official units are the ground every test stands on: load them once."""
    with django_db_blocker.unblock():
        official_units_load(actor=None)


@pytest.fixture(autouse=True)
def _plain_http_and_static_from_source(settings):
    """Production settings, less the HTTPS redirect and the collected static files."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 is slow on purpose; tests that create users would spend most of their time
    hashing. A test marked `real_password_hashing` keeps the production hashers."""
    if request.node.get_closest_marker("real_password_hashing") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    central: Unit
    province: Unit  # Hà Tĩnh, from 1/7/2025
    legacy_province: Unit  # Hà Tĩnh until 30/6/2025
    commune: Unit  # one commune of Hà Tĩnh
    other_commune: Unit  # another commune of Hà Tĩnh
    teams: list[Unit]  # village teams under `commune`
    other_province: Unit  # Nghệ An


@pytest.fixture
def world(db: None) -> World:
    province = unit_by_code(code="42")
    legacy = unit_by_code(code="42", on=dt.date(2025, 6, 30))
    central = unit_by_code(code=CENTRAL_CODE)
    other = unit_by_code(code="40")
    assert province and legacy and central and other
    communes = list(province.children.current().order_by("code")[:2])
    team_level = UnitLevel.objects.get(code="village")
    team_kind = UnitKind.objects.get(code="village_team")
    teams = [
        unit_create(
            actor=None,
            code=f"T-TEST-{n}",
            name=f"Tổ dân vận thôn Thử {n}",
            level=team_level,
            kind=team_kind,
            parent=communes[0],
            valid_from=dt.date(2025, 7, 1),
        )
        for n in range(1, 4)
    ]
    return World(central, province, legacy, communes[0], communes[1], teams, other)


@dataclass
class Personas:
    central_admin: User
    province_officer: User
    commune_officer: User
    outsider: User
    nobody: User

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def personas(world: World) -> Personas:
    def persona(username: str, unit: Unit | None, role: Role) -> User:
        user = user_create(actor=None, username=username, password=PASSWORD)
        if unit is not None:
            role_assign(actor=None, user=user, unit=unit, role=role)
        return user

    return Personas(
        central_admin=persona("central", world.central, Role.ADMIN),
        province_officer=persona("province", world.province, Role.APPROVER),
        commune_officer=persona("commune", world.commune, Role.EDITOR),
        outsider=persona("outsider", world.other_province, Role.VIEWER),
        nobody=persona("nobody", None, Role.VIEWER),
    )
