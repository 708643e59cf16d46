"""The REST API fuzzed against its own OpenAPI schema (schemathesis), in-process through the
WSGI application, as each persona: no server error, every answer as the schema documents it,
no record from outside the persona's scope in any answer, no write outside it, and invalid
bodies refused with a Vietnamese message and nothing written.

One world is built per test (records in Hà Tĩnh's two communes, at its province and in Nghệ
An); each operation then runs a few derandomized examples, so a failure replays the same way."""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import AnonymousUser
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, models
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, home_units, scoped, units_visible
from danvan.activities.models import (
    Conference,
    ConferenceKind,
    Dialogue,
    DialogueKind,
    Document,
    DocumentRole,
    Inspection,
    InspectionKind,
    WorkTask,
)
from danvan.activities.services import activity_create
from danvan.awards.models import AwardType, Gender, PersonCategory
from danvan.awards.services import award_record_past, batch_create, person_create
from danvan.capability.declaration import declared_records, unit_fields
from danvan.conftest import Personas, World
from danvan.news.services import article_ingest
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod
from danvan.registry.services import entry_create
from danvan.units.models import Unit, UnitLevel
from danvan.voice.hotspots import hotspots_detect
from danvan.voice.models import HotspotAlert, Severity, Source, Tone, Topic
from danvan.voice.services import mood_report_create, petition_file
from danvan.voice.tests.conftest import local, surge_in

EXAMPLES = 2  # per operation (and record) and persona: about 1,000 requests in the file
INVALID_EXAMPLES = 4
SURGE_WEEK = dt.date(2026, 11, 16)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# What the capabilities declare (danvan.capability.declaration): each API path's records, the
# fields naming their own units, those naming units they go up to, those naming other records,
# and the field that puts each record in a scope.
DECLARED = [records for records in declared_records() if records.api]
# The records each API path serves, by the path's prefix.
MODELS: dict[str, type[models.Model]] = {f"/api/{r.api}/": r.model for r in DECLARED}
# Fields of an answer that name a unit of the record itself: always within the scope.
OWN_UNITS = frozenset().union(*(unit_fields(r) for r in DECLARED))
# Fields that name where a record goes or is decided: within the scope or above the
# persona's own units (their province, the centre), never a unit beside them.
UPWARD_UNITS = frozenset().union(*(r.upward for r in DECLARED))
# Fields that name another record (by id, or by code for people): its unit must be in scope.
RECORDS: dict[str, tuple[type[models.Model], str]] = {
    name: link for r in DECLARED for name, link in r.links.items()
}
# The field that puts each record in a scope.
OWNERS: dict[type[models.Model], str | None] = {r.model: r.scope for r in DECLARED}
# Paths whose records are units themselves: their ids must be visible too.
UNIT_RECORDS = {f"/api/{r.api}/" for r in DECLARED if r.scope == ""}
# Records the API writes, each with the field that puts it in a unit.
WRITTEN: list[type[models.Model]] = [
    r.model
    for r in DECLARED
    if hasattr(r.viewset, "create") or hasattr(r.viewset, "partial_update")
]
# A Vietnamese sentence has a letter outside ASCII; an English one has none.
VIETNAMESE = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Scope:
    """What one persona may see, computed once from danvan.accounts.selectors."""

    visible: frozenset[int]
    above: frozenset[int]
    editable: frozenset[int]


def scope_of(user: AnyUser) -> Scope:
    visible = units_visible(user).values_list("pk", flat=True)
    return Scope(
        visible=frozenset(visible),
        above=frozenset(pk for unit in home_units(user) for pk in unit.ancestor_ids),
        editable=frozenset(
            scoped(user, Unit.objects.all(), unit_field="", minimum=Role.EDITOR).values_list(
                "pk", flat=True
            )
        ),
    )


# --- The world ------------------------------------------------------------------------------


def _records_in(commune: Unit, village: Unit, copies: Entry | None) -> Entry:
    """One record of every kind the API serves, in `commune` (and its village team); its
    registry entry replicates `copies`. Returns that entry."""
    day = dt.date(2026, 3, 5)
    common: dict[str, Any] = {"actor": None, "unit": commune, "date": day}
    activity_create(
        model=Conference, title="Hội nghị thử", kind=ConferenceKind.PROPAGANDA, persons=40,
        attendances=55, **common,
    )  # fmt: skip
    activity_create(
        model=Document, title="Kế hoạch thử", code=f"{commune.pk}-KH/DU", role=DocumentRole.LEAD,
        **common,
    )  # fmt: skip
    activity_create(
        model=Inspection, title="Kiểm tra thử", kind=InspectionKind.INSPECTION, organisations=3,
        members=12, **common,
    )  # fmt: skip
    dialogue = activity_create(
        model=Dialogue, title="Đối thoại thử", kind=DialogueKind.PERIODIC, leader="Bí thư",
        level=UnitLevel.objects.get(code="commune"), participants=120, opinions_raised=20,
        opinions_answered=15, **common,
    )  # fmt: skip
    activity_create(
        model=WorkTask, title="Nhiệm vụ thử", assignee="Ban Dân vận xã", responsibility="Chủ trì",
        method="Khảo sát", expected_result="Một mô hình", deadline=dt.date(2026, 4, 1),
        progress=50, **common,
    )  # fmt: skip
    entry = entry_create(
        actor=None, name=f"Mô hình thử {commune.name}", kind=EntryKind.MODEL, unit=commune,
        commune=commune, copies=copies, field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"), start_date=dt.date(2024, 3, 1),
    )  # fmt: skip
    person = person_create(
        actor=None, full_name="Nguyễn Văn Hùng", birth_date=dt.date(1975, 5, 19),
        gender=Gender.MALE, category=PersonCategory.objects.get(code="chuyen-trach"),
        unit=commune, position="Trưởng khối dân vận",
    )  # fmt: skip
    medal = AwardType.objects.get(code="ky-niem-chuong-dan-van")
    award_record_past(
        actor=None, award_type=medal, unit=commune, person=person, decided_on=day,
        decision_number=f"{commune.pk}-QĐ/BTGDVTW",
    )  # fmt: skip
    assert commune.parent is not None
    batch_create(actor=None, unit=commune, decider=commune.parent, title="Đợt thử", year=2026)
    petition_file(
        actor=None, source=Source.DIALOGUE, topic=Topic.objects.get(code="land"), commune=commune,
        severity=Severity.NORMAL, title="Chậm chi trả", text="Đề nghị trả lời.", dialogue=dialogue,
        contact_name="Bà Riêng", contact_phone="0987654321", received_at=local(2026, 11, 2, 9),
    )  # fmt: skip
    mood_report_create(
        actor=None, unit=village, date=day, topic=Topic.objects.get(code="environment"),
        tone=Tone.NEUTRAL, opinions=5,
    )  # fmt: skip
    return entry


@dataclass
class FuzzWorld:
    world: World
    personas: Personas
    schema: Any


@pytest.fixture
def fuzz_world(world: World, personas: Personas) -> Iterator[FuzzWorld]:
    """Records of every kind in Nghệ An and in both communes of Hà Tĩnh (one at its province),
    hot-spot alerts in both provinces, and the API's schema as the application serves it."""
    nghe_an_commune = world.other_province.children.current().order_by("code").first()
    assert nghe_an_commune is not None
    # Hà Tĩnh's models replicate Nghệ An's: the copy must not show the original's id.
    original = None
    for commune, village in (
        (nghe_an_commune, nghe_an_commune),
        (world.commune, world.teams[0]),
        (world.other_commune, world.other_commune),
    ):
        entry = _records_in(commune, village, copies=original)
        original = original or entry
        surge_in(commune, village)
    activity_create(
        actor=None, model=Conference, unit=world.province, date=dt.date(2026, 3, 5),
        title="Hội nghị cấp tỉnh", kind=ConferenceKind.REVIEW, persons=90, attendances=90,
    )  # fmt: skip
    for province in (world.province, world.other_province):
        hotspots_detect(province=province, week_start=SURGE_WEEK, replicates=99)
    news = (
        "Ban Dân vận Tỉnh ủy {} tổ chức hội nghị tổng kết phong trào thi đua Dân vận khéo"
        " năm 2025, biểu dương các mô hình tiêu biểu."
    )  # at least news.services.MIN_WORDS words
    for name, province in (("ha-tinh.txt", world.province), ("nghe-an.txt", world.other_province)):
        text = news.format(province.name.removeprefix("Tỉnh "))
        article_ingest(actor=None, source_name=name, content=text, default_unit=province)
    assert HotspotAlert.objects.filter(province=world.other_province).exists()
    # Requests run as the test client runs them: the end of one must not close the database
    # connection, which holds the test's transaction (on PostgreSQL it would).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
        yield FuzzWorld(world, personas, schema)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# --- The checks -----------------------------------------------------------------------------


def _unit_ids(value: Any) -> Iterator[int]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            yield item["id"]
        elif item is not None:
            yield item


def leaks(data: Any, scope: Scope) -> Iterator[str]:
    """Every reference in an answer that points outside the scope."""
    if isinstance(data, list):
        for item in data:
            yield from leaks(item, scope)
        return
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if key in OWN_UNITS:
            allowed = scope.visible
        elif key in UPWARD_UNITS:
            allowed = scope.visible | scope.above
        elif key in RECORDS:
            model, field = RECORDS[key]
            for ref in value if isinstance(value, list) else [value]:
                unit = (
                    model._default_manager.filter(**{field: ref})
                    .values_list("unit", flat=True)
                    .first()
                )
                if ref is not None and unit not in scope.visible:
                    yield f"{key}={ref} (unit {unit})"
            continue
        else:
            yield from leaks(value, scope)
            continue
        yield from (f"{key}={pk}" for pk in _unit_ids(value) if pk not in allowed)
        yield from leaks(value, scope)


def _in_scope(scope: Scope) -> Callable[..., None]:
    def records_in_scope(ctx: Any, response: Any, case: Any) -> None:
        """No record, and no unit it names, from outside the persona's scope."""
        if (
            response.status_code >= 300
            or "json" not in response.headers.get("content-type", [""])[0]
        ):
            return
        data = response.json()
        found = list(leaks(data, scope))
        if any(case.operation.path.startswith(p) for p in UNIT_RECORDS):  # units themselves
            rows = data.get("results", data) if isinstance(data, dict) else data
            rows = rows if isinstance(rows, list) else [rows]
            found += [
                f"unit {row['id']}"
                for row in rows
                if "id" in row and row["id"] not in scope.visible
            ]
        assert not found, f"{case.method} {case.formatted_path}: outside the scope: {found}"

    return records_in_scope


def _vietnamese_errors(ctx: Any, response: Any, case: Any) -> None:
    """A refusal says why in Vietnamese (every message has a Vietnamese letter)."""
    if not 400 <= response.status_code < 500:
        return
    messages = list(_strings(response.json()))
    english = [m for m in messages if not VIETNAMESE.search(m)]
    assert messages and not english, f"{case.method} {case.formatted_path}: {response.text}"


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, dict):
        for item in data.values():
            yield from _strings(item)


def outside_rows(scope: Scope) -> dict[str, list[dict[str, Any]]]:
    """Every written record outside what the persona edits, as it stands."""
    return {
        model.__name__: [
            row
            for row in model._default_manager.order_by("pk").values()
            if row["unit_id"] not in scope.editable
        ]
        for model in WRITTEN
    }


# --- Running --------------------------------------------------------------------------------


def _model(path: str) -> type[models.Model]:
    model = next((model for prefix, model in MODELS.items() if path.startswith(prefix)), None)
    assert model is not None, f"{path}: add the path and its model to MODELS"
    return model


def _ids(fuzz: FuzzWorld, model: type[models.Model], scope: Scope) -> list[int]:
    """Ids to put in a detail path: a record the persona sees and one it does not."""
    if OWNERS[model] is None:  # not owned by a unit: the oldest and the newest
        events = model._default_manager.order_by("pk").values_list("pk", flat=True)
        return [events.first() or 0, events.last() or 0]
    if OWNERS[model] == "":  # units themselves
        w = fuzz.world
        units = [w.central, w.province, w.legacy_province, w.other_province, *w.teams]
        ids = sorted(
            {unit.pk for unit in units} | set(Entry.objects.values_list("unit", flat=True))
        )
        inside = [pk for pk in ids if pk in scope.visible]
        outside = [pk for pk in ids if pk not in scope.visible]
    else:  # a few dozen rows: sorted here, not with thousands of ids in a query
        owner = f"{OWNERS[model]}_id"
        rows = list(model._default_manager.order_by("pk").values_list("pk", owner))
        inside = [pk for pk, unit in rows if unit in scope.visible]
        outside = [pk for pk, unit in rows if unit not in scope.visible]
    return [*inside[:1], *outside[:1]]


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def fuzz(
    fuzz_world: FuzzWorld,
    *,
    token: str | None,
    scope: Scope,
    mode: schemathesis.GenerationMode,
    methods: set[str],
    examples: int,
    checks: list[Callable[..., None]],
) -> list[str]:
    """Run every operation of `methods` a few times (a detail operation on a record in scope
    and on one outside it); return what failed, so that one run tells every problem."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    failures = []
    for result in fuzz_world.schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue
        ids = _ids(fuzz_world, _model(operation.path), scope) if "{id}" in operation.path else []
        parameters: list[dict[str, int] | None] = [{"id": pk} for pk in ids]
        for path_parameters in parameters or [None]:
            strategy = operation.as_strategy(
                generation_mode=mode, headers=headers, path_parameters=path_parameters
            )

            @_settings(examples)
            @given(case=strategy)
            def run(case: Any) -> None:
                case.validate_response(case.call(), checks=CHECKS, additional_checks=checks)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} {path_parameters or ''}: {exc}"[:2000])
    return failures


READS = {"GET"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PERSONAS = ["central_admin", "province_officer", "commune_officer", "outsider"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_and_writes_only_its_own_scope(
    fuzz_world: FuzzWorld, persona: str
) -> None:
    user = getattr(fuzz_world.personas, persona)
    scope = scope_of(user)
    token = Token.objects.create(user=user).key
    before = outside_rows(scope)
    failures = fuzz(
        fuzz_world,
        token=token,
        scope=scope,
        mode=schemathesis.GenerationMode.POSITIVE,
        methods=READS | WRITES,
        examples=EXAMPLES,
        checks=[_in_scope(scope), _vietnamese_errors],
    )
    assert not failures, "\n\n".join(failures)
    assert outside_rows(scope) == before, "a write reached a record outside the persona's units"


def test_invalid_bodies_are_refused_in_vietnamese_and_write_nothing(
    fuzz_world: FuzzWorld,
) -> None:
    user = fuzz_world.personas.province_officer
    token = Token.objects.create(user=user).key
    before = {model.__name__: model._default_manager.count() for model in WRITTEN}
    failures = fuzz(
        fuzz_world,
        token=token,
        scope=scope_of(user),
        mode=schemathesis.GenerationMode.NEGATIVE,
        methods=WRITES - {"DELETE"},
        examples=INVALID_EXAMPLES,
        checks=[_vietnamese_errors],
    )
    assert not failures, "\n\n".join(failures)
    assert {model.__name__: model._default_manager.count() for model in WRITTEN} == before


def test_anonymous_callers_get_no_data(fuzz_world: FuzzWorld) -> None:
    def refused(ctx: Any, response: Any, case: Any) -> None:
        """Refused, except by the one public operation: the one that hands out tokens."""
        allowed = (400,) if case.operation.path == "/api/auth/token/" else (401, 403)
        assert response.status_code in allowed, f"{case.method} {case.formatted_path}"

    failures = fuzz(
        fuzz_world,
        token=None,
        scope=scope_of(AnonymousUser()),
        mode=schemathesis.GenerationMode.POSITIVE,
        methods=READS | WRITES,
        examples=1,
        checks=[refused, _vietnamese_errors],
    )
    assert not failures, "\n\n".join(failures)
