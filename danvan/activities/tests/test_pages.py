"""The pages: scope, lists with their counts and sums, forms, deletion, the Excel export."""

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.activities.models import Conference, Dialogue, Document, Inspection, WorkTask
from danvan.activities.services import KINDS, activity_create
from danvan.audit.models import ChangeAction
from danvan.audit.selectors import changes_of
from danvan.conftest import Personas, World
from danvan.units.models import UnitLevel

from .conftest import DAY


def test_each_persona_sees_only_its_activities(
    world: World, personas: Personas, conference: Conference
) -> None:
    for user, visible in [
        (personas.central_admin, True),
        (personas.province_officer, True),
        (personas.commune_officer, True),
        (personas.outsider, False),
        (personas.nobody, False),
    ]:
        client = personas.client(user)
        detail = client.get(reverse("activities:detail", args=["conferences", conference.pk]))
        assert (detail.status_code == 200) == visible
        assert detail.status_code in (200, 404)
        listed = client.get(reverse("activities:list", args=["conferences"]))
        assert (conference in listed.context["page"].object_list) == visible


def test_the_home_page_counts_this_years_activities(
    personas: Personas, conference: Conference, task: WorkTask
) -> None:
    page = personas.client(personas.province_officer).get(reverse("activities:home"))
    counts = {slug: count for slug, _name, count in page.context["kinds"]}
    this_year = dt.date.today().year  # noqa: DTZ011 - the fixtures' dates are calendar dates
    expected = 1 if this_year == DAY.year else 0
    assert counts == {
        "conferences": expected,
        "documents": 0,
        "inspections": 0,
        "dialogues": 0,
        "tasks": expected,
    }
    assert page.context["late_tasks"] == 1
    assert (
        personas.client(personas.outsider).get(reverse("activities:home")).context["late_tasks"]
        == 0
    )


def test_an_unknown_kind_is_not_found(personas: Personas) -> None:
    assert personas.client(personas.central_admin).get("/activities/meetings/").status_code == 404


def test_the_conference_list_counts_and_sums_the_filtered_set(
    world: World, personas: Personas, conference: Conference
) -> None:
    activity_create(
        actor=None,
        model=Conference,
        unit=world.other_commune,
        date=dt.date(2025, 12, 1),
        title="Hội nghị tổng kết năm",
        kind="review",
        persons=100,
        attendances=150,
    )
    client = personas.client(personas.province_officer)
    url = reverse("activities:list", args=["conferences"])
    totals = client.get(url).context["totals"]
    assert (totals["count"], totals["persons"], totals["attendances"]) == (2, 140, 205)
    queries: list[tuple[dict[str, Any], int]] = [
        ({"year": "2026"}, 1),
        ({"date_from": "01/01/2026", "date_to": "31/03/2026"}, 1),
        ({"date_to": "31/12/2025"}, 1),
        ({"q": "nghi quyet"}, 1),
        ({"q": "tong ket"}, 1),
        ({"kind": "review"}, 1),
        ({"within": world.commune.pk}, 1),
        ({"within": world.province.pk}, 2),
        ({"within": world.other_province.pk}, 0),
        ({"by_sector": "true"}, 0),
    ]
    for query, expected in queries:
        assert client.get(url, query).context["totals"]["count"] == expected, query
    html = client.get(url).content.decode()
    assert "205" in html and "140" in html
    ordered = client.get(url, {"sort": "persons"}).context["page"].object_list
    assert [c.persons for c in ordered] == [40, 100]
    # The commune's editor does not see the other commune's conference.
    mine = personas.client(personas.commune_officer).get(url).context["totals"]
    assert (mine["count"], mine["persons"]) == (1, 40)


def test_other_lists_sum_their_columns(
    personas: Personas, inspection: Inspection, dialogue: Dialogue, task: WorkTask
) -> None:
    client = personas.client(personas.province_officer)
    inspections = client.get(reverse("activities:list", args=["inspections"])).context["totals"]
    assert (inspections["organisations"], inspections["members"]) == (3, 12)
    dialogues = client.get(reverse("activities:list", args=["dialogues"])).context["totals"]
    assert (dialogues["opinions_raised"], dialogues["opinions_answered"]) == (20, 15)
    assert dialogues["answered_share"] == 75
    tasks = client.get(reverse("activities:list", args=["tasks"]))
    assert (tasks.context["totals"]["late"], tasks.context["totals"]["done"]) == (1, 0)
    assert 'class="table-danger"' in tasks.content.decode()
    assert (
        client.get(reverse("activities:list", args=["tasks"]), {"late": "false"}).context["totals"][
            "count"
        ]
        == 0
    )


def test_a_bad_filter_shows_nothing_rather_than_everything(
    personas: Personas, conference: Conference
) -> None:
    page = personas.client(personas.province_officer).get(
        reverse("activities:list", args=["conferences"]), {"date_from": "32/13/2026"}
    )
    assert page.status_code == 200 and page.context["totals"]["count"] == 0


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_list_page_has_a_bounded_number_of_queries(
    kind: str,
    world: World,
    personas: Personas,
    conference: Conference,
    document: Document,
    inspection: Inspection,
    dialogue: Dialogue,
    task: WorkTask,
    django_assert_max_num_queries,
) -> None:
    model = KINDS[kind]
    source = model._default_manager.get()
    for n in range(5):  # more rows must not mean more queries
        source.pk = None
        source.title = f"{source.title} {n}"
        if isinstance(source, Document):
            source.code = f"{n + 100}-KH/BDVTU"
        source.save()
    client = personas.client(personas.province_officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("activities:list", args=[kind]))
    assert response.context["totals"]["count"] == 6


def test_the_export_has_the_filtered_rows(
    world: World, personas: Personas, conference: Conference, task: WorkTask
) -> None:
    client = personas.client(personas.province_officer)
    response = client.get(reverse("activities:export", args=["conferences"]), {"year": "2026"})
    assert response["Content-Disposition"].startswith('attachment; filename="hoi-nghi-tap-huan-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ngày", "Tên hội nghị, lớp tập huấn", "Loại")
    assert len(rows) == 2
    assert rows[1][0] == dt.datetime(2026, 3, 5)  # noqa: DTZ001 - openpyxl reads naive
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert rows[1][1] == conference.title and rows[1][5:7] == (40, 55)
    assert world.commune.code in rows[1]
    empty = client.get(reverse("activities:export", args=["conferences"]), {"year": "2020"})
    assert len(list(load_workbook(io.BytesIO(empty.content)).active.iter_rows())) == 1
    tasks = client.get(reverse("activities:export", args=["tasks"]))
    header, row = load_workbook(io.BytesIO(tasks.content)).active.iter_rows(values_only=True)
    assert row[header.index("Quá hạn")] == "Có"
    outsider = personas.client(personas.outsider).get(
        reverse("activities:export", args=["conferences"])
    )
    assert len(list(load_workbook(io.BytesIO(outsider.content)).active.iter_rows())) == 1


FORM_DATA: dict[str, dict[str, Any]] = {
    "conferences": {
        "date": "05/03/2026",
        "kind": "propaganda",
        "title": "Hội nghị qua trang",
        "persons": "30",
        "attendances": "45",
    },
    "documents": {
        "date": "05/03/2026",
        "code": "32-CT/TU",
        "role": "lead",
        "title": "Văn bản qua trang",
    },
    "inspections": {
        "date": "05/03/2026",
        "kind": "supervision",
        "title": "Giám sát qua trang",
        "organisations": "2",
        "members": "7",
    },
    "dialogues": {
        "date": "05/03/2026",
        "kind": "ad_hoc",
        "title": "Đối thoại qua trang",
        "leader": "Chủ tịch xã",
        "participants": "80",
        "opinions_raised": "10",
        "opinions_answered": "6",
    },
    "tasks": {
        "title": "Nhiệm vụ qua trang",
        "assignee": "Ban Dân vận",
        "responsibility": "Chủ trì",
        "method": "Phối hợp",
        "expected_result": "Hoàn thành",
        "date": "05/03/2026",
        "deadline": "30/06/2026",
        "progress": "0",
    },
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_form_renders_and_records(kind: str, world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    url = reverse("activities:create", args=[kind])
    page = client.get(url)
    assert page.status_code == 200
    units = page.context["form"].fields["unit"].queryset
    assert world.commune in units and world.other_commune not in units
    assert not set(world.teams) & set(units)  # villages report through their commune
    data = {**FORM_DATA[kind], "unit": world.commune.pk}
    if kind == "dialogues":
        data["level"] = UnitLevel.objects.get(code="commune").pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    activity = KINDS[kind]._default_manager.get(title=data["title"])
    assert activity.date == dt.date(2026, 3, 5) and activity.created_by == personas.commune_officer
    assert response["Location"] == reverse("activities:detail", args=[kind, activity.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "05/03/2026" in detail and 'id="change-log"' in detail
    edit = client.get(reverse("activities:edit", args=[kind, activity.pk]))
    assert edit.status_code == 200 and 'value="05/03/2026"' in edit.content.decode()


def test_the_forms_refuse_what_the_rules_refuse(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    bad: list[tuple[str, dict[str, Any]]] = [
        ("conferences", {"persons": "40", "attendances": "39"}),
        ("dialogues", {"opinions_raised": "5", "opinions_answered": "6"}),
        ("documents", {"code": "công văn số 5"}),
        ("inspections", {"date": "01/01/2099"}),
        ("conferences", {"unit": world.other_commune.pk}),
    ]
    for kind, changes in bad:
        data = {**FORM_DATA[kind], "unit": world.commune.pk, **changes}
        if kind == "dialogues":
            data["level"] = UnitLevel.objects.get(code="commune").pk
        response = client.post(reverse("activities:create", args=[kind]), data)
        assert response.status_code == 400, changes
        assert response.context["form"].errors, changes
    assert not Conference.objects.exists() and not Dialogue.objects.exists()
    assert not Document.objects.exists() and not Inspection.objects.exists()


def test_an_edit_keeps_its_reason_and_others_may_not_edit(
    world: World, personas: Personas, conference: Conference
) -> None:
    url = reverse("activities:edit", args=["conferences", conference.pk])
    data = {**FORM_DATA["conferences"], "unit": world.commune.pk, "reason": "Số liệu mới"}
    assert personas.client(personas.commune_officer).post(url, data).status_code == 302
    conference.refresh_from_db()
    assert conference.persons == 30
    latest = changes_of(instance=conference).first()
    assert latest is not None and latest.reason == "Số liệu mới"
    assert personas.client(personas.outsider).get(url).status_code == 404
    assert personas.client(personas.outsider).post(url, data).status_code == 404


def test_viewers_do_not_get_the_form(world: World, personas: Personas) -> None:
    from danvan.accounts.models import Role
    from danvan.accounts.services import role_assign, user_create

    viewer = user_create(actor=None, username="viewer", password="viewer-password-2026")
    role_assign(actor=None, user=viewer, unit=world.commune, role=Role.VIEWER)
    client = personas.client(viewer)
    assert client.get(reverse("activities:create", args=["conferences"])).status_code == 403
    assert (
        b'href="/activities/conferences/new/"'
        not in client.get(reverse("activities:list", args=["conferences"])).content
    )


def test_deleting_needs_a_reason_and_the_editor_role(
    world: World, personas: Personas, conference: Conference
) -> None:
    url = reverse("activities:delete", args=["conferences", conference.pk])
    assert personas.client(personas.outsider).post(url, {"reason": "x"}).status_code == 404
    editor = personas.client(personas.commune_officer)
    assert editor.get(url).status_code == 405
    editor.post(url, {"reason": ""})
    assert Conference.objects.filter(pk=conference.pk).exists()
    response = editor.post(url, {"reason": "Nhập trùng"})
    assert response["Location"] == reverse("activities:list", args=["conferences"])
    assert not Conference.objects.filter(pk=conference.pk).exists()
    (deleted, _created) = changes_of(instance=conference)
    assert deleted.action == ChangeAction.DELETE and deleted.reason == "Nhập trùng"
