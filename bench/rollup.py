"""Roll-up reads on a national dataset in PostgreSQL, against DuckDB scanning the same rows.

Builds, with set-based SQL rather than the per-record services, in a scratch PostgreSQL
database: the official units (`official_units_load`: 1 central, 34 provinces and 3,321 communes
today; 63 provinces, 696 districts and 10,035 communes until 30/6/2025), 100,000 villages today
(and the 100,000 they were carried over from, under the old communes), 1,000,000 models and
exemplars, 5,000,000 activities over 2021-2025, quarterly and yearly entered totals for 20
indicators, and every `Cell` those rows make. It checks on a sample that
`danvan.indicators.selectors.figures` equals sums over the raw rows ("check ok"), then times
`figures(...)` as the app calls it: the country by province, a province by commune and one
commune; for a year and a quarter; in today's structure and in the one of 31/12/2024. In the
same run it exports the raw rows to Parquet and times DuckDB computing the same figures by
scanning them (checking that the answers are equal). Ratio: DuckDB's p95 / our p95 (above 1:
the roll-up is faster than the scan).

Usage: python bench/rollup.py [--scale 0.01] [--runs 30] [--database-url URL] [--keep] [--json]
Without --database-url it uses the database `danvan_bench_rollup` on the server of
DANVAN_TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432): it is dropped and created
again, and dropped at the end unless --keep (a kept database built at the same scale is reused).
"""

import argparse
import datetime as dt
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/test"
SCRATCH_NAME = "danvan_bench_rollup"
REFORM = dt.date(2025, 7, 1)
FIRST_DAY, DAYS = dt.date(2021, 1, 1), 1826  # 2021-01-01 .. 2025-12-31
PAST = dt.date(2024, 12, 31)  # "a past structure": 63 provinces, districts, 10,035 communes
FULL = {  # rows at --scale 1 (the national dataset)
    "villages": 100_000,
    "registry_entry": 1_000_000,
    "activities_conference": 2_000_000,
    "activities_document": 1_000_000,
    "activities_inspection": 600_000,
    "activities_dialogue": 800_000,
    "activities_worktask": 600_000,
}
# The 20 indicators units enter totals for (every enterable one but dvk-entries).
ENTERED = [
    "dvk-models",
    "dvk-exemplars",
    "conferences",
    "conference-persons",
    "conference-attendances",
    "sector-trainings",
    "sector-training-persons",
    "documents-lead",
    "documents-guide",
    "inspections",
    "inspected",
    "dialogues",
    "dialogues-periodic",
    "dialogue-participants",
    "opinions-raised",
    "opinions-answered",
    "tasks",
    "tasks-done",
    "merit-collectives",
    "merit-individuals",
]
# Record attributes that are Python properties, not columns: their SQL and the columns they read.
PROPERTIES = {
    ("activities.inspection", "inspected"): (
        "(r.organisations + r.members)",
        ("organisations", "members"),
    ),
    ("registry.entry", "discontinued_on"): (
        "CASE WHEN r.status = 'discontinued' THEN r.status_date END",
        ("status", "status_date"),
    ),
}

Row = tuple[Any, ...]
Run = Callable[[str], list[Row]]
Result = dict[tuple[str, int], int]


def log(message: str) -> None:
    print(message, flush=True)


# --- SQL shared by PostgreSQL (building, checking) and DuckDB (the scan) ------------------


def literal(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    raise TypeError(f"no SQL literal for {value!r}")


def month_of(expression: str) -> str:
    """The first day of the month of a date, 1/1/1900 when unknown (periods.month_start)."""
    return f"COALESCE(CAST(date_trunc('month', {expression}) AS DATE), DATE '1900-01-01')"


@dataclass(frozen=True)
class Source:
    """How one indicator reads raw rows: table, filter, value, date and end date, in SQL."""

    indicator_id: int
    code: str
    aggregation: str
    table: str
    where: str
    value: str
    date: str
    until: str | None
    columns: frozenset[str]
    owner: str  # the column naming the unit a record counts under


def source_of(indicator: Any) -> Source:
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    from danvan.indicators.services import OWNER as COUNTED_UNDER

    label = indicator.record_type
    model = apps.get_model(label)
    owner = COUNTED_UNDER.get(label, "unit_id")
    columns = {owner}

    def column(name: str) -> str:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            expression, needed = PROPERTIES[(label, name)]
            columns.update(needed)
            return expression
        columns.add(field.column)
        return f"r.{field.column}"

    conditions = []
    for key, expected in indicator.record_filter.items():
        if key == "kind__code":  # units of a kind (village teams, blocks)
            columns.add("kind_id")
            kind = f"(SELECT id FROM units_unitkind WHERE code = {literal(expected)})"
            conditions.append(f"r.kind_id = {kind}")
            continue
        name, _sep, lookup = key.partition("__")
        target = column(name)
        if lookup == "isnull":
            conditions.append(f"{target} IS {'' if expected else 'NOT '}NULL")
        elif lookup == "in":
            conditions.append(f"{target} IN ({', '.join(literal(v) for v in expected)})")
        elif not lookup:
            conditions.append(f"{target} = {literal(expected)}")
        else:
            raise ValueError(f"{indicator.code}: lookup {key} not supported here")
    return Source(
        indicator_id=indicator.pk,
        code=indicator.code,
        aggregation=indicator.aggregation,
        table=model._meta.db_table,
        where=" AND ".join(conditions) or "TRUE",
        value=column(indicator.record_value) if indicator.record_value else "1",
        date=column(indicator.record_date),
        until=column(indicator.record_until) if indicator.record_until else None,
        columns=frozenset(columns),
        owner=owner,
    )


@dataclass
class Plan:
    """The indicators of a `figures` call, split by where their figures come from."""

    indicators: list[Any]
    records: list[Source]  # counted from records
    entered: list[Any]  # the indicators units may enter totals for


def plan_of(indicators: Sequence[Any]) -> Plan:
    for indicator in indicators:
        if indicator.aggregation not in ("sum", "balance"):
            raise NotImplementedError(f"{indicator.code}: {indicator.aggregation}")
    return Plan(
        indicators=list(indicators),
        records=[source_of(i) for i in indicators if i.record_type],
        entered=[i for i in indicators if i.enterable],
    )


def raw_figures(run: Run, plan: Plan, units: Sequence[Any], period: Any, as_of: Any) -> Result:
    """What `figures(...)` answers, computed from the raw rows (records, entered totals and
    units) instead of `Cell`: the same SQL runs on PostgreSQL and on DuckDB's Parquet views."""
    column = "path" if as_of else "current_path"
    start, last, end = period.start, period.last_month, period.end
    result: Result = {(i.code, u.pk): 0 for i in plan.indicators for u in units}
    by_width: dict[int, list[Any]] = defaultdict(list)
    for unit in units:
        by_width[len(unit.path)].append(unit)
    by_table: dict[str, list[Source]] = defaultdict(list)
    for source in plan.records:
        by_table[source.table].append(source)
    for width, group in by_width.items():
        values = ", ".join(f"({u.pk}, {literal(u.path)})" for u in group)
        targets = f"(VALUES {values}) AS t(unit_id, prefix)"

        def join(alias: str, width: int = width, targets: str = targets) -> str:
            return f"JOIN {targets} ON substr({alias}.{column}, 1, {width}) = t.prefix"

        for table, sources in by_table.items():
            sums = []
            for s in sources:
                month = month_of(s.date)
                if s.aggregation == "sum":
                    sums.append(
                        f"SUM(CASE WHEN {s.where} AND {month} BETWEEN {literal(start)} "
                        f"AND {literal(last)} THEN {s.value} ELSE 0 END)"
                    )
                else:
                    ended = "0"
                    if s.until:
                        ended = (
                            f"SUM(CASE WHEN {s.where} AND {s.until} IS NOT NULL AND "
                            f"{month_of(s.until)} < {literal(start)} THEN {s.value} ELSE 0 END)"
                        )
                    sums.append(
                        f"SUM(CASE WHEN {s.where} AND {month} <= {literal(last)} "
                        f"THEN {s.value} ELSE 0 END) - {ended}"
                    )
            if all(s.aggregation == "sum" for s in sources):
                dates = sorted({s.date for s in sources})
                where = " OR ".join(
                    f"{d} BETWEEN {literal(start)} AND {literal(end)}" for d in dates
                )
            else:
                where = "TRUE"
            rows = run(
                f"SELECT t.unit_id, {', '.join(sums)} FROM {table} r "
                f"JOIN units_unit u ON u.id = r.{sources[0].owner} {join('u')} "
                f"WHERE {where} GROUP BY t.unit_id"
            )
            for unit_id, *amounts in rows:
                for s, amount in zip(sources, amounts, strict=True):
                    result[(s.code, unit_id)] = int(amount or 0)

        codes = {i.pk: i.code for i in plan.entered}
        summed = [i.pk for i in plan.entered if i.aggregation == "sum"]
        in_force = [i.pk for i in plan.entered if i.aggregation == "balance"]
        grains = ", ".join(literal(g) for g in period.inner_grains)
        wanted = []
        if summed:
            wanted.append(
                f"(v.indicator_id IN ({', '.join(map(str, summed))}) AND p.grain IN ({grains}) "
                f"AND p.period_start BETWEEN {literal(start)} AND {literal(last)})"
            )
        if in_force:
            wanted.append(
                f"(v.indicator_id IN ({', '.join(map(str, in_force))}) "
                f"AND p.period_start <= {literal(last)})"
            )
        if wanted:
            rows = run(
                "SELECT t.unit_id, v.indicator_id, SUM(v.value) FROM indicators_reportvalue v "
                "JOIN indicators_periodreport p ON p.id = v.report_id "
                f"JOIN units_unit u ON u.id = p.unit_id {join('u')} "
                f"WHERE {' OR '.join(wanted)} GROUP BY t.unit_id, v.indicator_id"
            )
            for unit_id, indicator_id, amount in rows:
                result[(codes[indicator_id], unit_id)] += int(amount)

    return result


# --- building the dataset -------------------------------------------------------------------


def pick(pool: str) -> str:
    return f"p.{pool}[1 + floor(s.y * cardinality(p.{pool}))::int]"


# Who did a record: the units in force on its date, mostly communes.
OWNER = (
    f"CASE WHEN s.d < {literal(REFORM)} THEN CASE "
    f"WHEN s.x < 0.75 THEN {pick('old_commune')} WHEN s.x < 0.85 THEN {pick('old_village')} "
    f"WHEN s.x < 0.95 THEN {pick('old_district')} WHEN s.x < 0.995 THEN {pick('old_province')} "
    "ELSE p.central[1] END ELSE CASE "
    f"WHEN s.x < 0.75 THEN {pick('commune')} WHEN s.x < 0.90 THEN {pick('village')} "
    f"WHEN s.x < 0.995 THEN {pick('province')} ELSE p.central[1] END END"
)
COMMON = {
    "unit_id": OWNER,
    "date": "s.d",
    "title": "'Hoạt động ' || s.g",
    "search_key": "''",
    "is_sample": "FALSE",
    "created_at": "now()",
    "updated_at": "now()",
}
RECORDS: dict[str, dict[str, str]] = {
    "activities_conference": {
        **COMMON,
        "kind": "(ARRAY['propaganda', 'training', 'review', 'deployment', 'honouring', "
        "'anniversary', 'other'])[1 + floor(s.a * 7)::int]",
        "by_sector": "s.b < 0.3",
        "persons": "10 + floor(s.c * 190)::int",
        "attendances": "10 + floor(s.c * 190)::int + floor(s.e * 60)::int",
        "target_group": "''",
    },
    "activities_document": {
        **COMMON,
        "code": "s.g || '-CT/TU'",
        "number": "s.g",
        "doc_type": "'CT'",
        "issuer": "'TU'",
        "role": "CASE WHEN s.a < 0.6 THEN 'lead' ELSE 'guide' END",
    },
    "activities_inspection": {
        **COMMON,
        "kind": "CASE WHEN s.a < 0.5 THEN 'inspection' ELSE 'supervision' END",
        "organisations": "floor(s.b * 6)::int",
        "members": "floor(s.c * 30)::int",
        "conclusions": "''",
    },
    "activities_dialogue": {
        **COMMON,
        "kind": "CASE WHEN s.a < 0.4 THEN 'periodic' ELSE 'ad_hoc' END",
        "leader": "'Bí thư'",
        "level_id": "(SELECT id FROM units_unitlevel WHERE code = 'commune')",
        "participants": "20 + floor(s.b * 300)::int",
        "opinions_raised": "floor(s.c * 40)::int",
        "opinions_answered": "floor(s.c * 40 * s.e)::int",
        "note": "''",
    },
    "activities_worktask": {
        **COMMON,
        "plan": "'Kế hoạch năm'",
        "assignee": "'Ban Dân vận'",
        "responsibility": "'Chủ trì'",
        "method": "'Phối hợp'",
        "expected_result": "'Hoàn thành'",
        "deadline": "s.d + 90",
        "progress": "CASE WHEN s.a < 0.6 THEN 100 ELSE floor(s.b * 100)::int END",
        "result": "''",
        "done_on": "CASE WHEN s.a < 0.6 THEN s.d + floor(s.c * 120)::int END",
    },
    "registry_entry": {
        "unit_id": OWNER,
        "code": "'BENCH-' || s.g",
        "name": "'Mô hình ' || s.g",
        "kind": "CASE WHEN s.a < 0.7 THEN 'model' ELSE 'exemplar' END",
        "exemplar_type": "CASE WHEN s.a < 0.7 THEN '' WHEN s.b < 0.5 THEN 'collective' "
        "ELSE 'individual' END",
        "description": "''",
        "method": "''",
        "results": "''",
        "result_measure": "''",
        "leader": "''",
        "start_date": "CASE WHEN s.e < 0.02 THEN NULL ELSE s.d END",
        "status": "CASE WHEN s.c < 0.1 THEN 'discontinued' ELSE 'effective' END",
        "status_date": "CASE WHEN s.c < 0.1 THEN LEAST(s.d + floor(s.c * 7000)::int, "
        "DATE '2026-06-30') ELSE s.d END",
        "search_key": "''",
        "is_sample": "FALSE",
        "created_at": "now()",
        "updated_at": "now()",
        "field_id": "(SELECT min(id) FROM registry_field)",
        "period_id": "(SELECT min(id) FROM registry_movementperiod)",
    },
}
RANDOM_ROWS = (
    f"(SELECT g, {literal(FIRST_DAY)} + floor(random() * {DAYS})::int AS d, random() AS x, "
    "random() AS y, random() AS a, random() AS b, random() AS c, random() AS e "
    "FROM generate_series(1, {n}) g OFFSET 0) s"
)
VILLAGE_COLUMNS = (
    "code, name, path, current_path, depth, valid_from, valid_until, search_key, source, "
    "source_key, is_sample, parent_id, kind_id, level_id"
)


def execute(cursor: Any, statement: str, params: Sequence[Any] | None = None) -> None:
    cursor.execute(statement, params)


def build_villages(cursor: Any, villages: int) -> None:
    """Villages under the old communes until 30/6/2025, carried over to each old commune's
    successor from 1/7/2025 (what `_carry_children` does), so that today's 100,000 count under
    today's communes and the past ones under the communes of their day."""
    kind = "(SELECT id FROM units_unitkind WHERE code = 'village_team')"
    level = "(SELECT id FROM units_unitlevel WHERE code = 'village')"
    execute(cursor, "SELECT setseed(0.17)")
    execute(
        cursor,
        f"INSERT INTO units_unit ({VILLAGE_COLUMNS}) "
        f"SELECT 'V' || s.g, 'Thôn ' || s.g, '-', '-', 4, NULL, {literal(REFORM)} - 1, "
        f"' thon ' || s.g, '', '', FALSE, p.old_commune[1 + floor(s.y * "
        f"cardinality(p.old_commune))::int], {kind}, {level} "
        f"FROM bench_pool p, (SELECT g, random() AS y FROM generate_series(1, {villages}) g "
        "OFFSET 0) s",
    )
    execute(
        cursor,
        f"INSERT INTO units_unit ({VILLAGE_COLUMNS}) "
        f"SELECT o.code, o.name, '-', '-', 3, {literal(REFORM)}, NULL, o.search_key, '', '', "
        "FALSE, c.successor_id, o.kind_id, o.level_id FROM units_unit o "
        "JOIN units_unit c ON c.id = o.parent_id WHERE o.path = '-' AND o.valid_until IS NOT NULL",
    )
    execute(
        cursor,
        "UPDATE units_unit v SET path = p.path || lpad(v.id::text, 9, '0') || '.', "
        "current_path = p.path || lpad(v.id::text, 9, '0') || '.' "
        "FROM units_unit p WHERE p.id = v.parent_id AND v.path = '-'",
    )
    execute(
        cursor,
        "UPDATE units_unit o SET current_path = n.path, successor_id = n.id "
        "FROM units_unit n WHERE n.code = o.code AND n.valid_until IS NULL "
        "AND o.valid_until IS NOT NULL AND o.code LIKE 'V%' AND n.level_id = o.level_id",
    )


def build_pool(cursor: Any) -> None:
    def ids(level: str, *, current: bool) -> str:
        return (
            "(SELECT array_agg(u.id ORDER BY u.id) FROM units_unit u JOIN units_unitlevel l "
            f"ON l.id = u.level_id WHERE l.code = '{level}' AND u.valid_until IS "
            f"{'' if current else 'NOT '}NULL)"
        )

    execute(cursor, "DROP TABLE IF EXISTS bench_pool")
    execute(
        cursor,
        "CREATE UNLOGGED TABLE bench_pool AS SELECT "
        + ", ".join(
            f"{ids(level, current=current)} AS {'' if current else 'old_'}{level}"
            for level in ("central", "province", "district", "commune", "village")
            for current in (True, False)
        ),
    )


def build_records(cursor: Any, counts: dict[str, int]) -> None:
    for seed, (table, columns) in enumerate(RECORDS.items()):
        started = time.perf_counter()
        execute(cursor, f"SELECT setseed({(seed + 1) / 10})")
        execute(
            cursor,
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns.values())} "
            f"FROM bench_pool p, {RANDOM_ROWS.format(n=counts[table])}",
        )
        log(f"  {table}: {counts[table]:,} rows in {time.perf_counter() - started:.1f} s")


def build_reports(cursor: Any) -> None:
    """A tenth of the communes enter their totals every quarter they were in force, a fifth of
    the old districts every year: 20 indicators each."""
    execute(cursor, "SELECT setseed(0.9)")
    execute(
        cursor,
        "INSERT INTO indicators_periodreport "
        "(grain, period_start, status, note, is_sample, updated_at, unit_id) "
        "SELECT 'quarter', CAST(q AS DATE), 'approved', '', FALSE, now(), u.id FROM units_unit u "
        "JOIN units_unitlevel l ON l.id = u.level_id CROSS JOIN generate_series("
        "TIMESTAMP '2021-01-01', TIMESTAMP '2025-10-01', INTERVAL '3 months') q "
        "WHERE l.code = 'commune' AND u.id % 10 = 0 "
        "AND (u.valid_from IS NULL OR u.valid_from <= CAST(q AS DATE)) "
        "AND (u.valid_until IS NULL "
        "OR u.valid_until >= CAST(q + INTERVAL '3 months' - INTERVAL '1 day' AS DATE)) "
        "UNION ALL "
        "SELECT 'year', CAST(y AS DATE), 'approved', '', FALSE, now(), u.id FROM units_unit u "
        "JOIN units_unitlevel l ON l.id = u.level_id CROSS JOIN generate_series("
        "TIMESTAMP '2021-01-01', TIMESTAMP '2024-01-01', INTERVAL '1 year') y "
        "WHERE l.code = 'district' AND u.id % 5 = 0",
    )
    execute(
        cursor,
        "INSERT INTO indicators_reportvalue (value, indicator_id, report_id) "
        "SELECT floor(random() * 50)::int, i.id, r.id FROM indicators_periodreport r "
        "CROSS JOIN indicators_indicator i WHERE i.code = ANY(%s)",
        [ENTERED],
    )


def build_cells(cursor: Any, plan: Plan) -> None:
    """Every Cell at once: each unit's own figures by month (records) or by the report's period
    (entered totals), then added to every unit on its `path` (then_*) and on its
    `current_path` (now_*), as `_spread` does one record at a time."""
    execute(cursor, "DROP TABLE IF EXISTS bench_own")
    execute(
        cursor,
        "CREATE UNLOGGED TABLE bench_own (indicator_id bigint, unit_id bigint, grain varchar(10),"
        " period_start date, value bigint, ended bigint)",
    )
    for s in plan.records:
        execute(
            cursor,
            f"INSERT INTO bench_own SELECT {s.indicator_id}, r.{s.owner}, 'month', "
            f"{month_of(s.date)}, SUM({s.value}), 0 FROM {s.table} r WHERE {s.where} "
            f"GROUP BY 2, 4 HAVING SUM({s.value}) <> 0",
        )
        if s.until:
            execute(
                cursor,
                f"INSERT INTO bench_own SELECT {s.indicator_id}, r.{s.owner}, 'month', "
                f"{month_of(s.until)}, 0, SUM({s.value}) FROM {s.table} r "
                f"WHERE {s.where} AND {s.until} IS NOT NULL "
                f"GROUP BY 2, 4 HAVING SUM({s.value}) <> 0",
            )
    execute(
        cursor,
        "INSERT INTO bench_own SELECT v.indicator_id, r.unit_id, r.grain, r.period_start, "
        "SUM(v.value), 0 FROM indicators_reportvalue v JOIN indicators_periodreport r "
        "ON r.id = v.report_id GROUP BY 1, 2, 3, 4 HAVING SUM(v.value) <> 0",
    )
    execute(cursor, "DROP TABLE IF EXISTS bench_line")
    execute(
        cursor,
        "CREATE UNLOGGED TABLE bench_line AS "
        + " UNION ALL ".join(
            f"SELECT u.id AS unit_id, CAST(substr(u.{column}, k * 10 + 1, 9) AS bigint) AS node, "
            f"{side} AS side FROM units_unit u CROSS JOIN LATERAL "
            f"generate_series(0, length(u.{column}) / 10 - 1) k "
            "WHERE u.id IN (SELECT unit_id FROM bench_own)"
            for side, column in ((1, "path"), (2, "current_path"))
        ),
    )
    execute(cursor, "ANALYZE bench_own")
    execute(cursor, "ANALYZE bench_line")

    def part(side: int, kind: str) -> str:
        return f"SUM(CASE WHEN side = {side} THEN {kind} ELSE 0 END)"

    execute(
        cursor,
        "INSERT INTO indicators_cell (indicator_id, unit_id, grain, period_start, own, "
        "own_ended, then_total, then_ended, now_total, now_ended) "
        "SELECT indicator_id, node, grain, period_start, "
        + ", ".join(part(side, kind) for side in (0, 1, 2) for kind in ("value", "ended"))
        + " FROM (SELECT indicator_id, unit_id AS node, grain, period_start, value, ended, "
        "0 AS side FROM bench_own UNION ALL SELECT o.indicator_id, l.node, o.grain, "
        "o.period_start, o.value, o.ended, l.side FROM bench_own o "
        "JOIN bench_line l ON l.unit_id = o.unit_id) x "
        "GROUP BY indicator_id, node, grain, period_start "
        "ORDER BY indicator_id, node, period_start, grain",
    )
    execute(cursor, "DROP TABLE bench_own")
    execute(cursor, "DROP TABLE bench_line")


def build(scale: float, plan: Plan) -> dict[str, float]:
    from django.db import connection

    from danvan.units.official import official_units_load

    steps: dict[str, float] = {}
    started = time.perf_counter()
    official_units_load(actor=None)
    steps["official_units_s"] = time.perf_counter() - started
    log(f"  official units in {steps['official_units_s']:.1f} s")
    counts = {table: max(1, round(rows * scale)) for table, rows in FULL.items()}
    with connection.cursor() as cursor:
        # Bench-only shortcuts for loading: the rows are made from existing ids, so skip the
        # foreign-key triggers; give the sorts and hashes memory.
        execute(cursor, "SET session_replication_role = replica")
        execute(cursor, "SET work_mem = '1GB'")
        execute(cursor, "SET maintenance_work_mem = '1GB'")
        execute(cursor, "SET synchronous_commit = off")
        started = time.perf_counter()
        build_pool(cursor)
        build_villages(cursor, counts["villages"])
        build_pool(cursor)
        steps["villages_s"] = time.perf_counter() - started
        log(f"  {2 * counts['villages']:,} villages in {steps['villages_s']:.1f} s")
        started = time.perf_counter()
        build_records(cursor, counts)
        steps["records_s"] = time.perf_counter() - started
        started = time.perf_counter()
        build_reports(cursor)
        steps["reports_s"] = time.perf_counter() - started
        log(f"  entered totals in {steps['reports_s']:.1f} s")
        started = time.perf_counter()
        execute(cursor, "ANALYZE")
        build_cells(cursor, plan)
        steps["cells_s"] = time.perf_counter() - started
        log(f"  cells in {steps['cells_s']:.1f} s")
        started = time.perf_counter()
        execute(cursor, "DROP TABLE bench_pool")
        execute(cursor, "VACUUM ANALYZE")  # what autovacuum would have done by then
        steps["vacuum_s"] = time.perf_counter() - started
        execute(cursor, "RESET ALL")
    return steps


# --- checking and measuring -------------------------------------------------------------------


def pg_run(statement: str) -> list[Row]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement)
        return list(cursor.fetchall())


def check_own(plan: Plan) -> int:
    """The app's own `figures_of` on the records of a few units equals their cells' `own`."""
    from django.apps import apps

    from danvan.indicators.models import Cell
    from danvan.indicators.services import figures_of

    checked = 0
    sources = {s.table: s for s in plan.records}
    for table, source in sorted(sources.items()):
        model = next(m for m in apps.get_models() if m._meta.db_table == table)
        owner = source.owner
        sample = f"SELECT r.{owner} FROM {table} r WHERE {source.where} ORDER BY r.id LIMIT 2"
        for unit_id in pg_run(sample):
            counted: dict[tuple[int, Any, str], int] = defaultdict(int)
            records = model._default_manager.filter(**{owner: unit_id[0]})
            if table == "units_unit":
                records = records.select_related("kind")
            for key, amount in figures_of(records).items():
                indicator_id, _unit, _grain, start, kind = key
                if amount:
                    counted[(indicator_id, start, kind)] += amount
            cells: dict[tuple[int, Any, str], int] = {}
            record_ids = {s.indicator_id for s in plan.records if s.table == table}
            for cell in Cell.objects.filter(
                unit_id=unit_id[0], grain="month", indicator_id__in=record_ids
            ):
                for kind, amount in (("value", cell.own), ("ended", cell.own_ended)):
                    if amount:
                        cells[(cell.indicator_id, cell.period_start, kind)] = amount
            if cells != dict(counted):
                wrong = set(cells.items()) ^ set(counted.items())
                raise SystemExit(
                    f"check FAILED: own cells of unit {unit_id[0]}: {sorted(wrong)[:5]}"
                )
            checked += 1
    return checked


@dataclass
class Kind:
    scope: str  # country, province, commune
    period: str  # year, quarter
    structure: str  # today, past

    @property
    def name(self) -> str:
        return f"{self.scope}/{self.period}/{self.structure}"


def unit_sets() -> dict[str, dict[str, Any]]:
    """The units each kind of query asks about, in today's structure and in the past one."""
    from danvan.units.models import Unit

    sets: dict[str, dict[str, Any]] = {}
    for structure, as_of in (("today", None), ("past", PAST)):
        units = Unit.objects.all()
        units = units.valid_on(as_of) if as_of else units.current()
        provinces = list(units.filter(level__code="province").order_by("code"))
        communes = list(units.filter(level__code="commune").order_by("code"))
        by_province = [[c for c in communes if c.path.startswith(p.path)] for p in provinces]
        sets[structure] = {"as_of": as_of, "provinces": provinces, "by_province": by_province}
        sets[structure]["communes"] = communes
    return sets


def units_for(sets: dict[str, dict[str, Any]], kind: Kind, run: int) -> list[Any]:
    chosen = sets[kind.structure]
    if kind.scope == "country":
        return list(chosen["provinces"])
    if kind.scope == "province":
        return list(chosen["by_province"][run % len(chosen["by_province"])])
    return [chosen["communes"][(run * 7919 + 13) % len(chosen["communes"])]]


def percentile(values: Iterable[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(times: Iterable[float]) -> dict[str, float]:
    values = list(times)
    return {
        "p50_ms": round(1000 * percentile(values, 0.5), 2),
        "p95_ms": round(1000 * percentile(values, 0.95), 2),
    }


def export_parquet(url: str, folder: Path, plan: Plan) -> dict[str, str]:
    """The raw rows the figures come from, streamed out with COPY and written as Parquet."""
    import duckdb

    wanted: dict[str, set[str]] = defaultdict(set)
    for s in plan.records:
        wanted[s.table] |= s.columns
    wanted["units_unit"] |= {"id", "path", "current_path", "kind_id", "level_id"}
    wanted["units_unitkind"] = {"id", "code"}
    wanted["units_unitlevel"] = {"id", "code"}
    wanted["indicators_periodreport"] = {"id", "unit_id", "grain", "period_start"}
    wanted["indicators_reportvalue"] = {"report_id", "indicator_id", "value"}
    types = {
        "bigint": "BIGINT",
        "integer": "INTEGER",
        "smallint": "SMALLINT",
        "boolean": "BOOLEAN",
        "date": "DATE",
        "character varying": "VARCHAR",
        "text": "VARCHAR",
    }
    files = {}
    duck = duckdb.connect()
    with psycopg.connect(url) as pg:
        for table, columns in wanted.items():
            ordered = sorted(columns)
            kinds: dict[str, str] = dict(
                pg.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = %s",
                    [table],
                ).fetchall()
            )
            csv = folder / f"{table}.csv"
            with pg.cursor() as cursor, csv.open("wb") as out:
                copy_sql = sql.SQL("COPY (SELECT {} FROM {}) TO STDOUT WITH (FORMAT csv)").format(
                    sql.SQL(", ").join(map(sql.Identifier, ordered)), sql.Identifier(table)
                )
                with cursor.copy(copy_sql) as copy:
                    for data in copy:
                        out.write(data)
            spec = "{" + ", ".join(f"'{c}': '{types[kinds[c]]}'" for c in ordered) + "}"
            target = folder / f"{table}.parquet"
            duck.execute(
                f"COPY (SELECT * FROM read_csv('{csv}', header = false, columns = {spec})) "
                f"TO '{target}' (FORMAT parquet)"
            )
            csv.unlink()
            files[table] = str(target)
    duck.close()
    return files


# --- the scratch database ---------------------------------------------------------------------


def scratch_url(argument: str | None) -> str:
    if argument:
        return argument
    server = os.environ.get("DANVAN_TEST_DATABASE_URL") or DEFAULT_SERVER
    return urlsplit(server)._replace(path=f"/{SCRATCH_NAME}").geturl()


def maintenance(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts._replace(path="/postgres").geturl(), parts.path.lstrip("/")


def database_exists(url: str) -> bool:
    admin, name = maintenance(url)
    with psycopg.connect(admin, autocommit=True) as pg:
        return bool(pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def built_scale(url: str) -> tuple[float, dict[str, float]] | None:
    with psycopg.connect(url) as pg:
        exists = pg.execute("SELECT to_regclass('bench_meta') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return None
        row = pg.execute("SELECT scale, steps FROM bench_meta").fetchone()
        return (float(row[0]), dict(row[1])) if row else None


def recreate(url: str, *, drop_only: bool = False) -> None:
    admin, name = maintenance(url)
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            pg.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="villages and records x scale")
    parser.add_argument("--runs", type=int, default=30, help="timed calls per kind of query")
    parser.add_argument("--database-url", help=f"a scratch PostgreSQL database (…/{SCRATCH_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    url = scratch_url(args.database_url)
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: give a database whose name has 'bench'")
    folder = Path(tempfile.mkdtemp(prefix="danvan-bench-"))
    os.environ["DANVAN_DATABASE_URL"] = url
    os.environ["DANVAN_VAR_DIR"] = str(folder)
    os.environ.setdefault("DANVAN_SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    previous = built_scale(url) if args.keep and database_exists(url) else None
    reuse = previous is not None and previous[0] == args.scale
    if not reuse:
        recreate(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    from danvan.indicators.models import Cell, Indicator
    from danvan.indicators.periods import Period
    from danvan.indicators.selectors import figures

    call_command("migrate", verbosity=0)
    indicators = list(Indicator.objects.all())
    plan = plan_of(indicators)
    if reuse and previous is not None:
        steps = previous[1]
        log(f"reusing {name} built at scale {args.scale}")
    else:
        log(f"building the dataset in {name} at scale {args.scale} ...")
        started = time.perf_counter()
        steps = build(args.scale, plan)
        steps["total_s"] = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_meta (scale float8, steps jsonb)")
            cursor.execute(
                "INSERT INTO bench_meta VALUES (%s, %s)", [args.scale, json.dumps(steps)]
            )
    log(f"build {steps['total_s']:.1f} s")
    sizes = {
        table: pg_run(f"SELECT count(*) FROM {table}")[0][0]
        for table in (*RECORDS, "units_unit", "indicators_reportvalue", "indicators_cell")
    }
    sizes["villages_today"] = pg_run(
        "SELECT count(*) FROM units_unit u JOIN units_unitlevel l ON l.id = u.level_id "
        "WHERE l.code = 'village' AND u.valid_until IS NULL"
    )[0][0]
    activities = sum(sizes[t] for t in RECORDS if t.startswith("activities_"))
    log(
        f"{sizes['units_unit']:,} units ({sizes['villages_today']:,} villages today), "
        f"{sizes['registry_entry']:,} models and exemplars, {activities:,} activities, "
        f"{sizes['indicators_reportvalue']:,} entered totals, {sizes['indicators_cell']:,} cells"
    )

    periods = {"year": Period.year(2024), "quarter": Period.quarter(2024, 2)}
    sets = unit_sets()
    kinds = [
        Kind(scope, period, structure)
        for scope in ("country", "province", "commune")
        for period in periods
        for structure in ("today", "past")
    ]
    selections = {"all": plan}  # every standard indicator, as a full report asks for them

    # The check: figures(...) against sums over the raw rows, on a sample.
    started = time.perf_counter()
    own_checked = check_own(plan)
    central = sets["today"]["provinces"][0].parent
    samples = [
        ([central], "today", "year"),
        ([central], "past", "quarter"),
        (sets["today"]["provinces"][:3], "today", "year"),
        (sets["today"]["by_province"][0][:5], "today", "quarter"),
        (sets["past"]["provinces"][:3], "past", "year"),
        (sets["past"]["by_province"][1][:5], "past", "quarter"),
        ([sets["past"]["provinces"][2].children.first()], "past", "year"),  # a district
    ]
    for units, structure, period_name in samples:
        as_of = sets[structure]["as_of"]
        ours = figures(indicators, units, periods[period_name], as_of=as_of)
        raw = raw_figures(pg_run, plan, units, periods[period_name], as_of)
        if ours != raw:
            wrong = {k: (ours[k], raw.get(k)) for k in ours if ours[k] != raw.get(k)}
            raise SystemExit(
                f"check FAILED ({structure}, {period_name}): {list(wrong.items())[:8]}"
            )
    nonzero = sum(1 for v in ours.values() if v)
    log(
        f"check ok: own cells of {own_checked} units equal figures_of(), and figures() equals "
        f"raw sums for {len(samples)} samples ({time.perf_counter() - started:.1f} s)"
    )

    # Our roll-up: figures(...) as the app calls it.
    queries: dict[str, int] = {}
    answers: dict[tuple[str, str, int], Result] = {}
    for selection, chosen in selections.items():  # warm-up, and how many queries a call makes
        for kind in kinds:
            with CaptureQueriesContext(connection) as captured:
                figures(
                    chosen.indicators,
                    units_for(sets, kind, 0),
                    periods[kind.period],
                    as_of=sets[kind.structure]["as_of"],
                )
            queries[f"{selection}:{kind.name}"] = len(captured)
    ours_times: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in selections}
    started = time.perf_counter()
    for run in range(args.runs):
        for selection, chosen in selections.items():
            for kind in kinds:
                units = units_for(sets, kind, run)
                began = time.perf_counter()
                answer = figures(
                    chosen.indicators,
                    units,
                    periods[kind.period],
                    as_of=sets[kind.structure]["as_of"],
                )
                ours_times[selection][kind.name].append(time.perf_counter() - began)
                answers[(selection, kind.name, run)] = answer
    log(f"timed {len(answers)} figures() calls in {time.perf_counter() - started:.1f} s")

    # DuckDB: the same figures from the same rows, scanned from Parquet.
    import duckdb

    started = time.perf_counter()
    files = export_parquet(url, folder, plan)
    export_s = time.perf_counter() - started
    parquet_mb = sum(Path(f).stat().st_size for f in files.values()) / 1e6
    log(f"exported the raw rows to Parquet ({parquet_mb:.0f} MB) in {export_s:.1f} s")
    duck = duckdb.connect()
    for table, file in files.items():
        duck.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{file}')")

    def duck_run(statement: str) -> list[Row]:
        return duck.execute(statement).fetchall()

    duck_times: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in selections}
    mismatches = []
    started = time.perf_counter()
    for chosen in selections.values():  # warm-up
        for kind in kinds:
            units = units_for(sets, kind, 0)
            raw_figures(
                duck_run, chosen, units, periods[kind.period], sets[kind.structure]["as_of"]
            )
    for run in range(args.runs):
        for selection, chosen in selections.items():
            for kind in kinds:
                units = units_for(sets, kind, run)
                began = time.perf_counter()
                answer = raw_figures(
                    duck_run, chosen, units, periods[kind.period], sets[kind.structure]["as_of"]
                )
                duck_times[selection][kind.name].append(time.perf_counter() - began)
                if answer != answers[(selection, kind.name, run)]:
                    mismatches.append((selection, kind.name, run))
    duck.close()
    log(f"timed the same calls on DuckDB in {time.perf_counter() - started:.1f} s")
    if mismatches:
        raise SystemExit(f"check FAILED: DuckDB and figures() differ in {mismatches[:5]}")
    log("check ok: DuckDB's answers equal figures() for every timed call")

    def overall(times: dict[str, list[float]]) -> dict[str, float]:
        return summary(t for values in times.values() for t in values)

    ours_all, duck_all = overall(ours_times["all"]), overall(duck_times["all"])
    ratio = round(duck_all["p95_ms"] / ours_all["p95_ms"], 2)
    per_kind = {}
    log("")
    log(
        f"{'query':<28}{'indicators':>11}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'DuckDB p50':>12}{'DuckDB p95':>12}"
    )
    for selection in selections:
        for kind in kinds:
            ours_kind = summary(ours_times[selection][kind.name])
            duck_kind = summary(duck_times[selection][kind.name])
            count = queries[f"{selection}:{kind.name}"]
            per_kind[f"{selection}:{kind.name}"] = {
                **ours_kind,
                "queries": count,
                "duckdb_p50_ms": duck_kind["p50_ms"],
                "duckdb_p95_ms": duck_kind["p95_ms"],
            }
            log(
                f"{kind.name:<28}{len(selections[selection].indicators):>11}{count:>9}"
                f"{ours_kind['p50_ms']:>9.1f}{ours_kind['p95_ms']:>9.1f}"
                f"{duck_kind['p50_ms']:>12.1f}{duck_kind['p95_ms']:>12.1f}"
            )
    log("")
    log(
        f"figures(), all {len(indicators)} indicators: p50 {ours_all['p50_ms']} ms, "
        f"p95 {ours_all['p95_ms']} ms (target under 50 ms); DuckDB scan: p50 "
        f"{duck_all['p50_ms']} ms, p95 {duck_all['p95_ms']} ms"
    )
    log(f"ratio (DuckDB p95 / figures() p95, above 1 = the roll-up is faster): {ratio}x")
    result = {
        "database": connection.vendor,
        "server": pg_run("SHOW server_version")[0][0],
        "scale": args.scale,
        "runs": args.runs,
        "sizes": sizes,
        "build_s": round(steps["total_s"], 1),
        "build_steps_s": {k: round(v, 1) for k, v in steps.items()},
        "export_parquet_s": round(export_s, 1),
        "parquet_mb": round(parquet_mb, 1),
        "check": "ok",
        **ours_all,
        "duckdb_p50_ms": duck_all["p50_ms"],
        "duckdb_p95_ms": duck_all["p95_ms"],
        "ratio_vs_duckdb": ratio,
        "ratio_reads": "DuckDB p95 / figures() p95: above 1, the roll-up is faster",
        "kinds": per_kind,
        "cells_per_unit_sample": Cell.objects.filter(unit=central).count(),
        "nonzero_in_last_sample": nonzero,
        "date": dt.date.today().isoformat(),  # noqa: DTZ011
    }
    connections.close_all()
    shutil.rmtree(folder, ignore_errors=True)
    if not args.keep:
        recreate(url, drop_only=True)
        log(f"dropped {name}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
