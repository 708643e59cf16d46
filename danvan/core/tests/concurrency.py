"""What the tests of concurrent writes share: real connections racing on PostgreSQL, and the
figures' invariant (what is kept equals what a rebuild counts from the records)."""

import os
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from danvan.indicators.models import Cell
from danvan.indicators.services import figures_rebuild

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
