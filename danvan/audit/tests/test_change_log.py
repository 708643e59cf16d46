import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from danvan.audit.models import ChangeAction, ChangeLogEntry
from danvan.audit.selectors import changes_of
from danvan.audit.services import change_logged
from danvan.conftest import Personas, World
from danvan.units.services import unit_update


def test_every_write_records_who_what_before_after_and_why(
    world: World, personas: Personas
) -> None:
    team = world.teams[0]
    unit_update(
        actor=personas.commune_officer, unit=team, name="Tổ dân vận thôn Mới", reason="Sửa tên"
    )
    entry = changes_of(instance=team).first()
    assert entry is not None and entry.before and entry.after
    assert entry.actor == personas.commune_officer and entry.action == ChangeAction.UPDATE
    assert entry.before["name"] == "Tổ dân vận thôn Thử 1"
    assert entry.after["name"] == "Tổ dân vận thôn Mới"
    assert entry.reason == "Sửa tên"
    assert ("name", "Tổ dân vận thôn Thử 1", "Tổ dân vận thôn Mới") in entry.changed_fields()


def test_an_update_that_changes_nothing_writes_nothing(world: World) -> None:
    count = ChangeLogEntry.objects.count()
    unit_update(actor=None, unit=world.teams[0], name=world.teams[0].name)
    assert ChangeLogEntry.objects.count() == count


def test_a_step_is_logged_with_what_it_notes_even_when_no_field_changed(world: World) -> None:
    team = world.teams[0]
    with change_logged(actor=None, instance=team, fields=["name"], noting={"step": "Kiểm tra"}):
        pass
    entry = changes_of(instance=team).first()
    assert entry is not None and entry.action == ChangeAction.UPDATE
    assert entry.changed_fields() == [("step", None, "Kiểm tra")]


def test_entries_cannot_be_edited_or_deleted(world: World) -> None:
    entry = changes_of(instance=world.teams[0]).first()
    assert entry is not None
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_admin_cannot_change_the_log(personas: Personas) -> None:
    request = RequestFactory().get("/")
    request.user = personas.central_admin
    admin = site._registry[ChangeLogEntry]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)


def test_the_unit_page_shows_its_change_log(world: World, personas: Personas) -> None:
    unit_update(actor=personas.commune_officer, unit=world.teams[1], name="Tổ dân vận thôn Sửa")
    page = personas.client(personas.commune_officer).get(f"/units/{world.teams[1].pk}/")
    html = page.content.decode()
    assert "Nhật ký thay đổi" in html and "Tổ dân vận thôn Sửa" in html and "commune" in html
    # a card per entry on a phone, each cell labelled (web/danvan.css: .table-cards)
    assert "table-cards" in html and 'data-label="Nội dung thay đổi"' in html
