"""What the tests of concurrent writes share: real connections racing on PostgreSQL, and the
figures' invariant (what is kept equals what a rebuild counts from the records)."""

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_assign, user_create
from danvan.indicators.models import Cell
from danvan.indicators.services import figures_rebuild
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

needs_postgres = pytest.mark.skipif(
    not os.environ.get("DANVAN_DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL's concurrent connections (set DANVAN_TEST_DATABASE_URL)",
)


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls at the same moment, each in its own thread and database connection;
    what each returned or raised, in order. Call it with the database unblocked
    (`django_db_blocker.unblock()`) and the data it needs committed."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # the outcome the test checks
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a write never finished"
    return outcomes


def waits_for_a_lock(*, until: threading.Event) -> bool:
    """Whether a connection to the test database is seen waiting for a row lock before
    `until` is set (what it waits for is then done without waiting); gives up after 30 s."""
    with connection.cursor() as cursor:
        for _look in range(600):
            if until.is_set():
                return False
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            until.wait(timeout=0.05)
    return False


def kept_figures(record_type: str) -> set[tuple[Any, ...]]:
    """The kept figures of the indicators counting `record_type` (e.g. registry.entry)."""
    return set(
        Cell.objects.filter(indicator__record_type=record_type)
        .exclude(own=0, own_ended=0, then_total=0, then_ended=0, now_total=0, now_ended=0)
        .values_list(
            "indicator_id",
            "unit_id",
            "grain",
            "period_start",
            "own",
            "own_ended",
            "then_total",
            "then_ended",
            "now_total",
            "now_ended",
        )
    )


def rebuilt_figures(record_type: str) -> set[tuple[Any, ...]]:
    """The same figures counted again from the records (this rebuilds every figure)."""
    figures_rebuild()
    return kept_figures(record_type)


def posted(form: Any, **changes: Any) -> dict[str, Any]:
    """What the page of an unbound `form` posts when saved as loaded, with `changes` typed."""
    data = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in data.items()} | changes


def second_save_refused(
    first: Client, second: Client, url: str, mine: dict[str, Any], theirs: dict[str, Any]
) -> Any:
    """Two officers open the same edit page; the first saves `mine`, then the second saves
    `theirs` from the page they opened before: that is refused with 409 (the answer)."""
    first_form, second_form = first.get(url).context["form"], second.get(url).context["form"]
    saved = first.post(url, posted(first_form, **mine))
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    refused = second.post(url, posted(second_form, **theirs))
    assert refused.status_code == 409
    return refused


@dataclass
class Officers:
    commune: Unit  # a commune of Hà Tĩnh
    editor: User  # of the commune
    approvers: list[User]  # two, of the province


@contextmanager
def committed_officers(django_db_blocker: Any) -> Iterator[Officers]:
    """An editor of a commune and two approvers of its province, really committed (the
    threads' connections see them); then they and the figures of what the caller committed
    and removed go. What they wrote to the change log stays: the database refuses to delete it
    (audit migration 0002), and deleting a user only clears the entries' `actor`. The test (or
    fixture) using it asks for `django_db_setup` first."""
    if not connection.settings_dict["NAME"].startswith("test_"):
        # pytest-django creates the test database only for a session holding a test that
        # uses `db`; without one, this would write to the real database.
        pytest.skip("the test database is not set up: run this with the other tests of its app")
    with django_db_blocker.unblock():
        province = unit_by_code(code="42")
        assert province is not None
        commune = province.children.current().order_by("code").first()
        assert commune is not None
        users = [user_create(actor=None, username=f"race-{n}", password="-") for n in range(3)]
        role_assign(actor=None, user=users[0], unit=commune, role=Role.EDITOR)
        for approver in users[1:]:
            role_assign(actor=None, user=approver, unit=province, role=Role.APPROVER)
    try:
        yield Officers(commune, users[0], users[1:])
    finally:
        with django_db_blocker.unblock():
            User.objects.filter(pk__in=[user.pk for user in users]).delete()
            figures_rebuild()
