"""The database itself refuses to change or delete change log entries (migration 0002)."""

import pytest
from django.db import DatabaseError, connection, transaction

from danvan.accounts.services import user_create
from danvan.audit.models import ChangeAction, ChangeLogEntry
from danvan.audit.services import record_change
from danvan.conftest import PASSWORD, World

TABLE = ChangeLogEntry._meta.db_table
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite keeps DELETE possible: test runners empty its tables with DELETE",
)


@pytest.fixture
def entry(world: World) -> ChangeLogEntry:
    actor = user_create(actor=None, username="writer", password=PASSWORD)
    return record_change(actor=actor, instance=world.teams[0], action=ChangeAction.UPDATE)


def run(sql: str, *params: int | str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_raw_update_is_refused(entry: ChangeLogEntry) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        run(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", "rewritten", entry.pk)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeLogEntry.objects.filter(pk=entry.pk).update(actor_name="someone else")
    assert ChangeLogEntry.objects.get(pk=entry.pk).reason == ""


def test_nulling_the_actor_is_allowed_only_alone(entry: ChangeLogEntry) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        run(f"UPDATE {TABLE} SET actor_id = NULL, reason = %s WHERE id = %s", "x", entry.pk)
    other = user_create(actor=None, username="other", password=PASSWORD)
    with pytest.raises(DatabaseError, match="append-only"):
        run(f"UPDATE {TABLE} SET actor_id = %s WHERE id = %s", other.pk, entry.pk)


def test_deleting_a_user_keeps_their_entries_under_their_name(entry: ChangeLogEntry) -> None:
    assert entry.actor is not None
    entry.actor.delete()
    kept = ChangeLogEntry.objects.get(pk=entry.pk)
    assert kept.actor_id is None and kept.actor_name == "writer"


@needs_postgresql
def test_a_raw_delete_is_refused(entry: ChangeLogEntry) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        run(f"DELETE FROM {TABLE} WHERE id = %s", entry.pk)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeLogEntry.objects.filter(pk=entry.pk).delete()
    assert ChangeLogEntry.objects.filter(pk=entry.pk).exists()
