"""Each persona sees exactly its subtree, in the pages and in the API; outside is a 404."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import units_visible, user_can
from danvan.accounts.services import role_assign, user_create
from danvan.conftest import Personas, World
from danvan.units.models import Unit
from danvan.units.services import NewUnit, unit_create, unit_split, unit_transfer, units_merge


def expected(user: User, world: World) -> set[int]:
    """The brute-force answer: units whose records count under the user's units today."""
    roots = [a.unit for a in user.role_assignments.all()]
    if user.is_superuser:
        return set(Unit.objects.values_list("pk", flat=True))
    return {
        unit.pk
        for unit in Unit.objects.all()
        if any(unit.current_path.startswith(root.path) for root in roots)
    }


def test_each_persona_sees_exactly_its_subtree(world: World, personas: Personas) -> None:
    for user in (
        personas.central_admin,
        personas.province_officer,
        personas.commune_officer,
        personas.outsider,
        personas.nobody,
    ):
        assert set(units_visible(user).values_list("pk", flat=True)) == expected(user, world), user


def test_the_province_officer_sees_the_old_province_merged_into_theirs(
    world: World, personas: Personas
) -> None:
    visible = units_visible(personas.province_officer)
    assert visible.filter(pk=world.legacy_province.pk).exists()
    assert not visible.filter(pk=world.other_province.pk).exists()
    assert not visible.filter(pk=world.central.pk).exists()


def test_a_merge_widens_the_scope_of_the_surviving_unit(world: World, personas: Personas) -> None:
    visible = units_visible(personas.commune_officer)
    assert not visible.filter(pk=world.other_commune.pk).exists()
    units_merge(actor=None, units=[world.other_commune], into=world.commune, on=dt.date(2026, 1, 1))
    assert visible.filter(pk=world.other_commune.pk).exists()


def test_roles_are_ordered_and_cover_the_subtree(world: World, personas: Personas) -> None:
    officer = personas.commune_officer
    assert user_can(officer, Role.EDITOR, world.teams[0])
    assert user_can(officer, Role.VIEWER, world.commune)
    assert not user_can(officer, Role.APPROVER, world.commune)
    assert not user_can(officer, Role.VIEWER, world.other_commune)
    assert user_can(personas.province_officer, Role.APPROVER, world.teams[0])
    assert not user_can(personas.nobody, Role.VIEWER, world.teams[0])


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("central_admin", ["province", "other_province", "commune"], []),
        (
            "province_officer",
            ["province", "commune", "legacy_province"],
            ["other_province", "central"],
        ),
        ("commune_officer", ["commune"], ["province", "other_commune", "other_province"]),
        ("outsider", ["other_province"], ["province", "commune", "central"]),
        ("nobody", [], ["province", "commune", "other_province", "central"]),
    ],
)
def test_unit_pages_and_api_answer_404_outside_the_scope(
    world: World, personas: Personas, persona: str, visible: list[str], hidden: list[str]
) -> None:
    client = personas.client(getattr(personas, persona))
    for name in visible:
        unit = getattr(world, name)
        assert client.get(reverse("organisation:detail", args=[unit.pk])).status_code == 200, name
        assert client.get(f"/api/units/{unit.pk}/").status_code == 200, name
        assert client.get(reverse("organisation:children", args=[unit.pk])).status_code == 200, name
    for name in hidden:
        unit = getattr(world, name)
        assert client.get(reverse("organisation:detail", args=[unit.pk])).status_code == 404, name
        assert client.get(f"/api/units/{unit.pk}/").status_code == 404, name
        assert client.get(f"/api/units/{unit.pk}/lineage/").status_code == 404, name
        assert client.get(reverse("organisation:children", args=[unit.pk])).status_code == 404, name


def test_api_lists_only_the_subtree(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = client.get("/api/units/", {"on": "01/08/2025"})
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {world.commune.pk, *(t.pk for t in world.teams)}


def test_search_results_stay_in_scope(world: World, personas: Personas) -> None:
    client = personas.client(personas.outsider)
    page = client.get(reverse("organisation:browse"), {"q": "ha tinh"})
    assert page.status_code == 200
    assert "Hà Tĩnh" not in page.content.decode()
    api = client.get("/api/units/", {"q": "ha tinh"})
    assert api.json()["count"] == 0


def test_lineage_events_show_only_links_inside_the_scope(world: World, personas: Personas) -> None:
    client = personas.client(personas.outsider)
    events = client.get("/api/lineage-events/").json()["results"]
    visible = set(units_visible(personas.outsider).values_list("pk", flat=True))
    assert events
    for event in events:
        for link in event["links"]:
            assert link["predecessor"]["id"] in visible
            assert link["successor"] is None or link["successor"]["id"] in visible


def test_anonymous_users_are_sent_to_login_and_refused_by_the_api(world: World) -> None:
    from django.test import Client

    client = Client()
    response = client.get(reverse("organisation:detail", args=[world.province.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/units/").status_code in (401, 403)


def test_a_role_at_a_unit_that_ended_does_not_follow_it(world: World, personas: Personas) -> None:
    officer = personas.commune_officer  # editor at world.commune
    units_merge(actor=None, units=[world.commune], into=world.other_commune, on=dt.date(2026, 1, 1))
    assert not user_can(officer, Role.EDITOR, world.other_commune)
    assert not units_visible(officer).filter(pk=world.other_commune.pk).exists()
    # The province officer above both sees the merged commune and its history.
    assert units_visible(personas.province_officer).filter(pk=world.commune.pk).exists()


def test_child_lists_hide_units_moved_out_of_the_scope(world: World, personas: Personas) -> None:
    team = world.teams[0]
    unit_transfer(actor=None, unit=team, on=dt.date(2026, 1, 1), parent=world.other_commune)
    client = personas.client(personas.commune_officer)
    assert client.get(f"/units/{team.pk}/").status_code == 404
    fragment = client.get(f"/units/{world.commune.pk}/children/?on=15/12/2025").content.decode()
    page = client.get(f"/units/{world.commune.pk}/?on=15/12/2025").content.decode()
    assert team.name not in fragment and team.name not in page
    assert world.teams[1].name in fragment and world.teams[1].name in page


def test_a_parent_outside_the_scope_is_not_named(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    html = client.get("/units/", {"q": world.commune.code}).content.decode()
    assert world.commune.name in html and world.province.name not in html
    assert client.get(f"/api/units/{world.commune.pk}/").json()["parent"] is None
    inside = client.get(f"/api/units/{world.teams[0].pk}/").json()
    assert inside["parent"] == world.commune.pk


def test_a_split_does_not_name_the_old_unit_to_readers_of_a_part(
    world: World, personas: Personas
) -> None:
    team = world.teams[0]
    unit_split(
        actor=None,
        unit=team,
        on=dt.date(2026, 1, 1),
        into=[NewUnit("S-A", "Tổ Alpha"), NewUnit("S-B", "Tổ Beta")],
    )
    part = Unit.objects.get(code="S-B", valid_until__isnull=True)
    reader = user_create(actor=None, username="part-reader", password="x-very-long-pw-2026")
    role_assign(actor=None, user=reader, unit=part, role=Role.VIEWER)
    client = personas.client(reader)
    assert client.get(f"/units/{team.pk}/").status_code == 404
    html = client.get(f"/units/{part.pk}/").content.decode()
    assert team.code not in html and team.name not in html


def test_a_units_change_log_does_not_name_a_parent_outside_the_scope(
    world: World, personas: Personas
) -> None:
    new_commune = unit_create(
        actor=None,
        code="X-NEW-1",
        name="Xã Mới Lập",
        level=world.commune.level,
        kind=world.commune.kind,
        parent=world.province,
        valid_from=dt.date(2026, 1, 1),
    )
    reader = user_create(actor=None, username="new-commune", password="x-very-long-pw-2026")
    role_assign(actor=None, user=reader, unit=new_commune, role=Role.VIEWER)
    text = personas.client(reader).get(f"/units/{new_commune.pk}/").content.decode()
    assert "Xã Mới Lập" in text and "Nhật ký thay đổi" in text
    assert world.province.name not in text
