"""Administrators change the structure from the unit pages: a new village team, a merger, a
renaming, an abolition, each confirmed on its own page, kept in the history and the change
log, and counted in the figures; others see no such button and are refused."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_assign, user_create
from danvan.audit.models import ChangeLogEntry
from danvan.conftest import Personas, World
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.indicators.selectors import figure
from danvan.units.models import LineageKind, LineageLink, Unit, UnitKind

DAY = "01/12/2026"


@pytest.fixture
def province_admin(world: World) -> User:
    user = user_create(actor=None, username="tinh-admin", password="x-2026-danvan")
    role_assign(actor=None, user=user, unit=world.province, role=Role.ADMIN)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_adds_a_village_team_counted_at_once(
    world: World, province_admin: User
) -> None:
    teams = Indicator.objects.get(code="village-teams")
    year = Period.year(2026)
    before = figure(teams, world.commune, year)
    client = _client(province_admin)
    page = client.get(reverse("organisation:detail", args=[world.commune.pk])).content.decode()
    assert "Thêm tổ dân vận hoặc khối dân vận" in page and "Ghi nhận thay đổi" in page
    url = reverse("organisation:add", args=[world.commune.pk])
    kind = UnitKind.objects.get(code="village_team")
    data = {"kind": kind.pk, "code": "T-MOI", "name": "Tổ dân vận thôn Mới", "valid_from": DAY}
    response = client.post(url, data)
    team = Unit.objects.get(code="T-MOI")
    assert response.status_code == 302 and response["Location"] == reverse(
        "organisation:detail", args=[team.pk]
    )
    assert team.parent == world.commune and team.level.code == "village"
    assert ChangeLogEntry.objects.filter(object_id=str(team.pk), actor=province_admin).exists()
    assert figure(teams, world.commune, year) == before + 1


def test_others_see_no_button_and_are_refused(world: World, personas: Personas) -> None:
    for user in (personas.province_officer, personas.commune_officer):
        client = _client(user)
        page = client.get(reverse("organisation:detail", args=[world.commune.pk]))
        assert "Ghi nhận thay đổi" not in page.content.decode()
        for name in ("add", "rename", "merge", "abolish"):
            assert (
                client.get(reverse(f"organisation:{name}", args=[world.commune.pk])).status_code
                == 403
            )
    outsider = _client(personas.outsider)
    url = reverse("organisation:rename", args=[world.commune.pk])
    assert outsider.get(url).status_code == 404  # not even visible


def test_a_merger_into_a_new_commune_is_confirmed_and_kept_in_the_history(
    world: World, province_admin: User
) -> None:
    client = _client(province_admin)
    url = reverse("organisation:merge", args=[world.commune.pk])
    confirm = client.get(url).content.decode()
    assert "Xác nhận" in confirm and world.other_commune.name in confirm
    response = client.post(
        url,
        {
            "others": [world.other_commune.pk],
            "target": "new",
            "new_code": "X-MOI",
            "new_name": "Xã Hợp Nhất",
            "on": DAY,
            "decision": "Nghị quyết mẫu",
        },
    )
    merged = Unit.objects.get(code="X-MOI")
    assert response["Location"] == reverse("organisation:detail", args=[merged.pk])
    for old in (world.commune, world.other_commune):
        old.refresh_from_db()
        assert old.valid_until == dt.date(2026, 11, 30) and old.successor == merged
    link = LineageLink.objects.get(predecessor=world.commune, successor=merged)
    assert link.event.kind == LineageKind.MERGE
    # the commune's village teams went with it
    assert merged.children.current().count() == len(world.teams)


def test_a_refused_change_stays_on_its_page_and_writes_nothing(
    world: World, province_admin: User
) -> None:
    client = _client(province_admin)
    before = (Unit.objects.count(), ChangeLogEntry.objects.count())
    url = reverse("organisation:rename", args=[world.commune.pk])
    response = client.post(url, {"name": "Xã Đổi Tên", "on": "31/02/2026"})
    assert response.status_code == 400
    assert "Xã Đổi Tên" in response.content.decode()  # what was typed is kept
    assert (Unit.objects.count(), ChangeLogEntry.objects.count()) == before
    early = client.post(url, {"name": "Xã Đổi Tên", "on": "01/01/1900"})
    assert early.status_code == 400 and "Xã Đổi Tên" in early.content.decode()
    assert (Unit.objects.count(), ChangeLogEntry.objects.count()) == before


def test_an_abolished_team_stops_counting(world: World, province_admin: User) -> None:
    teams = Indicator.objects.get(code="village-teams")
    client = _client(province_admin)
    team = world.teams[0]
    response = client.post(reverse("organisation:abolish", args=[team.pk]), {"on": DAY})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.valid_until == dt.date(2026, 11, 30)
    december = Period.parse("2026-12")
    assert figure(teams, world.commune, december) == len(world.teams) - 1
