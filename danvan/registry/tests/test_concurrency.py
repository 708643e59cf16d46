"""Two officers, one entry: the second save of a stale form is refused and loses nothing;
imports and life-cycle steps racing over the same entries keep the registry consistent."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.models import User
from danvan.common.locking import StaleEdit
from danvan.conftest import Personas, World
from danvan.registry import excel
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod, Status, Transition
from danvan.registry.services import (
    entries_import,
    entries_transition,
    entry_create,
    entry_transition,
    entry_update,
)
from danvan.web.tests.concurrency import (
    at_once,
    committed_officers,
    kept_figures,
    needs_postgres,
    posted,
    rebuilt_figures,
    second_save_refused,
)

STEP: dict[str, Any] = {"on": dt.date(2024, 6, 1), "decision_code": "12-QĐ/BDVTU"}


def test_the_second_officer_is_refused_and_keeps_what_they_typed(
    personas: Personas, entry: Entry
) -> None:
    first = personas.client(personas.commune_officer)
    second = personas.client(personas.province_officer)
    url = reverse("registry:edit", args=[entry.pk])
    refused = second_save_refused(
        first,
        second,
        url,
        mine={"name": "Mô hình của người thứ nhất"},
        theirs={"name": "Mô hình của người thứ hai"},
    )
    message = " ".join(refused.context["form"].non_field_errors())
    assert "commune đã sửa bản ghi này lúc" in message
    assert "Đã thay đổi: tên." in message  # what they changed
    assert "hãy so sánh" in message
    entry.refresh_from_db()
    assert entry.name == "Mô hình của người thứ nhất"
    html = refused.content.decode()
    assert 'value="Mô hình của người thứ hai"' in html  # nothing typed is lost
    assert "Sửa Mô hình của người thứ nhất" in html  # the heading shows the record as it is

    # Once compared, saving the re-shown form again goes through.
    again = second.post(url, refused.context["form"].data)
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Mô hình của người thứ hai"


def test_a_step_taken_while_the_form_is_open_refuses_it_too(
    personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    url = reverse("registry:edit", args=[entry.pk])
    form = client.get(url).context["form"]
    entry_transition(actor=personas.province_officer, entry=entry, to=Status.EFFECTIVE, **STEP)

    assert client.post(url, posted(form, name="Tên mới")).status_code == 409
    entry.refresh_from_db()
    assert entry.status == Status.EFFECTIVE and entry.name != "Tên mới"


def test_the_api_refuses_a_stale_version_with_409(personas: Personas, entry: Entry) -> None:
    first = personas.client(personas.commune_officer)
    second = personas.client(personas.province_officer)
    url = f"/api/registry/entries/{entry.pk}/"
    version = first.get(url).json()["version"]
    assert second.get(url).json()["version"] == version

    saved = first.patch(url, {"leader": "Người một", "version": version}, "application/json")
    refused = second.patch(url, {"leader": "Người hai", "version": version}, "application/json")

    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert refused.status_code == 409
    assert "commune đã sửa bản ghi này lúc" in refused.json()["detail"]
    assert refused.json()["version"] == version + 1
    entry.refresh_from_db()
    assert entry.leader == "Người một"
    schema = first.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "409" in schema["paths"]["/api/registry/entries/{id}/"]["patch"]["responses"]
    assert "version" in schema["components"]["schemas"]["PatchedEntryRequest"]["properties"]


def test_an_import_checked_before_a_step_keeps_the_step(
    world: World, personas: Personas, entry: Entry
) -> None:
    """The officer previews the file, an approver moves the entry, the officer confirms: the
    import changes the values and leaves the step alone (it used to write the status it had
    read at the preview back)."""
    from danvan.registry.tests.test_excel import row, workbook

    rows = excel.parse_rows(
        user=personas.commune_officer,
        rows=excel.read_workbook(workbook([row(world, code=entry.code, name="Tên từ tệp")])),
    ).rows
    entry_transition(actor=personas.province_officer, entry=entry, to=Status.EFFECTIVE, **STEP)
    entries_import(actor=personas.commune_officer, rows=rows)

    entry.refresh_from_db()
    assert entry.name == "Tên từ tệp"
    assert entry.status == Status.EFFECTIVE == entry.transitions.latest("id").to_status
    assert kept_figures("registry.entry") == rebuilt_figures("registry.entry")


# --- real concurrent connections (PostgreSQL) ----------------------------------------------


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Three entries of the officers' commune, committed, and removed afterwards."""
    with committed_officers(django_db_blocker) as officers:
        with django_db_blocker.unblock():
            entries = [
                entry_create(
                    actor=None,
                    name=f"Mô hình chạy đua {n}",
                    kind=EntryKind.MODEL,
                    unit=officers.commune,
                    commune=officers.commune,
                    field=Field.objects.get(code="kinh-te"),
                    period=MovementPeriod.objects.get(code="2021-2025"),
                    start_date=dt.date(2024, 3, 1),
                )
                for n in range(3)
            ]
        yield officers, entries
        with django_db_blocker.unblock():
            Transition.objects.filter(entry__in=entries).delete()
            Entry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()


@needs_postgres
def test_two_saves_at_once_one_wins(django_db_blocker, committed) -> None:
    officers, entries = committed
    editor, approver, entry = officers.editor, officers.approvers[0], entries[0]

    def save(user: User, name: str) -> Entry:
        return entry_update(actor=user, entry=entry, version=entry.version, name=name)

    with django_db_blocker.unblock():
        outcomes = at_once(lambda: save(editor, "Tên A"), lambda: save(approver, "Tên B"))
        won = [o for o in outcomes if isinstance(o, Entry)]
        assert len(won) == 1 and sum(isinstance(o, StaleEdit) for o in outcomes) == 1
        entry.refresh_from_db()
        assert entry.name == won[0].name and entry.version == won[0].version


@needs_postgres
def test_an_import_racing_a_step_over_the_same_entries_keeps_both(
    django_db_blocker, committed
) -> None:
    """Invariant: every entry holds the values of the file AND the step (its status is the
    one of its latest step), and the kept figures equal those counted from the records."""
    from danvan.registry.tests.test_excel import row, workbook

    officers, entries = committed
    editor, approver, commune = officers.editor, officers.approvers[0], officers.commune
    with django_db_blocker.unblock():
        lines = [  # in the reverse order of the codes, the order a step locks them in
            row(SimpleNamespace(commune=commune), code=e.code, name=f"Tên từ tệp {e.pk}")  # type: ignore[arg-type]
            for e in reversed(entries)
        ]
        rows = excel.parse_rows(user=editor, rows=excel.read_workbook(workbook(lines))).rows
        assert len(rows) == 3
        outcomes = at_once(
            lambda: entries_import(actor=editor, rows=rows),
            lambda: entries_transition(
                actor=approver, entries=entries, to=Status.EFFECTIVE, **STEP
            ),
        )
        assert outcomes == [(0, 3), 3]
        for entry in Entry.objects.filter(pk__in=[e.pk for e in entries]):
            assert entry.name == f"Tên từ tệp {entry.pk}"
            assert entry.status == Status.EFFECTIVE == entry.transitions.latest("id").to_status
        assert kept_figures("registry.entry") == rebuilt_figures("registry.entry")


@needs_postgres
def test_two_approvers_taking_the_same_step_at_once_one_is_refused(
    django_db_blocker, committed
) -> None:
    officers, entries = committed
    entry = entries[0]

    def step(user: User) -> Transition:
        return entry_transition(actor=user, entry=entry, to=Status.EFFECTIVE, **STEP)

    with django_db_blocker.unblock():
        outcomes = at_once(*(lambda user=user: step(user) for user in officers.approvers))
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert sum(isinstance(o, Transition) for o in outcomes) == 1 and len(refused) == 1
        assert (
            "đang ở trạng thái Triển khai hiệu quả: chỉ có thể chuyển sang"
            in refused[0].messages[0]
        )
        assert entry.transitions.filter(to_status=Status.EFFECTIVE).count() == 1
