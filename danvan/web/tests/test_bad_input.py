"""Bad input everywhere: every form of the site, posted with script, very long text, impossible
dates, ids that name nothing and missing fields, answers 4xx with a Vietnamese message and
writes nothing; script that is valid text is saved and shown escaped.

Every route of the site is listed below as a form (with the test that walks it) or a page, so
a new form cannot be forgotten. Each test builds its data once and loops over its forms."""

import datetime as dt
import importlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.messages import ERROR
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm, BaseFormSet, CharField
from django.test import Client
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django.utils.html import escape
from openpyxl import Workbook, load_workbook

from danvan.activities.models import ConferenceKind
from danvan.activities.services import activity_create
from danvan.activities.urls import KINDS
from danvan.awards import excel as awards_excel
from danvan.awards.models import AwardType, Batch, Gender, Person, PersonCategory
from danvan.awards.services import (
    award_record_past,
    batch_create,
    batch_submit,
    person_create,
    service_period_add,
)
from danvan.common import spreadsheets, uploads
from danvan.conftest import PASSWORD, Personas, World
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.news.services import article_ingest
from danvan.news.tests.articles import HA_TINH
from danvan.registry import excel as registry_excel
from danvan.registry.models import EntryKind, Field, MovementPeriod
from danvan.registry.services import entry_create
from danvan.units.models import UnitKind, UnitLevel
from danvan.units.services import unit_create
from danvan.voice.models import Petition, Topic

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
LONG = "Dân vận " * 12_500  # 100 000 characters
BAD_DATES = ["31/02/2025", "2025-13-01", "abc", "01/01/10000"]
BAD_IDS = ["abc", "999999999", "99999999999999999999"]
BAD_NUMBERS = ["abc", "-1", "99999999999999999999", "1e400"]
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]")

# Every named route that takes a POST, and the test that walks its form.
FORM_ROUTES = {
    "registry:create": "registry",
    "registry:edit": "registry",
    "registry:transition": "registry",
    "registry:bulk_transition": "registry",
    "registry:evidence": "uploads",
    "registry:import": "uploads",
    "registry:import_confirm": "registry",
    "activities:create": "activities",
    "activities:edit": "activities",
    "activities:delete": "activities",
    "awards:person_create": "awards",
    "awards:person_edit": "awards",
    "awards:person": "awards",
    "awards:award": "awards",
    "awards:duplicates": "awards",
    "awards:batches": "awards",
    "awards:batch_action": "awards",
    "awards:propose": "awards",
    "voice:create": "voice",
    "voice:step": "voice",
    "voice:rate": "voice",
    "voice:mood_create": "voice",
    "indicators:report": "others",
    "indicators:report_decide": "others",
    "news:reject": "others",
    "accounts:password_change": "others",
    "accounts:login": "others",
    "organisation:add": "organisation",
    "organisation:rename": "organisation",
    "organisation:transfer": "organisation",
    "organisation:merge": "organisation",
    "organisation:split": "organisation",
    "organisation:abolish": "organisation",
    "news:upload": "uploads",
}
# Forms not walked yet, and why: a debt, listed so it is seen.
NOT_WALKED = {
    "voice:alert_step": "needs a detected hot spot (a dozen petitions) to exist",
    "news:article": "the review form is a page of formsets; test_review covers its rules",
    "news:person_add": "needs a confirmed article naming a person",
    "accounts:logout": "takes no input",
}
# Every other named route: pages and files, read only.
PAGE_ROUTES = {
    "web:home",
    "registry:list",
    "registry:export",
    "registry:statistics",
    "registry:import_template",
    "registry:detail",
    "registry:evidence_file",
    "activities:home",
    "activities:list",
    "activities:export",
    "activities:detail",
    "awards:list",
    "awards:export",
    "awards:statistics",
    "awards:people",
    "awards:eligible",
    "awards:import_template",
    "awards:batch",
    "awards:decision_file",
    "voice:home",
    "voice:list",
    "voice:detail",
    "voice:receipt",
    "voice:file",
    "voice:track",
    "voice:mood",
    "voice:hotspots",
    "voice:alert",
    "news:list",
    "indicators:dashboard",
    "indicators:reports",
    "reports:annual",
    "organisation:browse",
    "organisation:detail",
    "organisation:children",
    "accounts:profile",
}


@dataclass
class Case:
    """One form: where it posts, who posts it, a valid filling, and its fields by kind."""

    url: str
    data: dict[str, Any]
    text: list[str] = field(default_factory=list)  # free text: takes script, refuses 100 000
    dates: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # choices and links to other records
    numbers: list[str] = field(default_factory=list)
    shows: list[str] = field(default_factory=list)  # more pages showing the saved text


def _named_routes(patterns: list[Any], namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                names |= _named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_route_is_a_walked_form_or_a_page() -> None:
    routes = {
        name
        for name in _named_routes(get_resolver().url_patterns)
        if ":" in name  # the API's routes are walked by the API's own tests
    }
    unlisted = routes - set(FORM_ROUTES) - set(NOT_WALKED) - PAGE_ROUTES
    assert not unlisted, f"list these routes as forms (and walk them) or as pages: {unlisted}"
    assert not (set(FORM_ROUTES) | set(NOT_WALKED) | PAGE_ROUTES) - routes


def _counts() -> dict[str, int]:
    """How many rows each table holds (sessions aside: signing in writes one; and the login
    throttle's: counting failed sign-ins is its job)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not Session and model._meta.app_label != "axes"
    }


def _errors(response: Any) -> list[str]:
    """The refusals the page shows: its forms' errors, its error messages, a file's error."""
    found: list[str] = []
    for context in response.context or []:
        for value in context.flatten().values():
            forms = value.values() if isinstance(value, dict) else [value]
            for form in forms:
                if isinstance(form, BaseFormSet) and form.is_bound:
                    found += [str(e) for e in form.non_form_errors()]
                    for inner in form.forms:
                        found += [str(e) for errors in inner.errors.values() for e in errors]
                elif isinstance(form, BaseForm) and form.is_bound:
                    found += [str(e) for errors in form.errors.values() for e in errors]
        found += [str(m) for m in context.get("messages", []) if m.level == ERROR]
        if context.get("file_error"):
            found.append(str(context["file_error"]))
        if getattr(context.get("result"), "errors", None):
            found += context["result"].errors
    return found


WALKED: set[str] = set()


def walked_all(test: str) -> None:
    """The test walked every form the list above gives it."""
    assert {route for route, owner in FORM_ROUTES.items() if owner == test} <= WALKED


def refused(client: Client, url: str, data: dict[str, Any], what: str) -> None:
    """The post is refused with a 4xx and a Vietnamese message, and nothing is written."""
    WALKED.add(resolve(url).view_name)
    before = _counts()
    response = client.post(url, data)
    assert response.status_code in (400, 404), (what, response.status_code)
    assert _counts() == before, what
    if response.status_code == 400:
        errors = _errors(response)
        assert errors and all(VIETNAMESE.search(str(e)) for e in errors), (what, errors)
        html = response.content.decode()
        assert all(escape(str(e)) in html for e in errors), (what, errors)


def shown_escaped(client: Client, url: str) -> None:
    html = client.get(url).content.decode()
    assert SCRIPT not in html and "<img src=x" not in html, url
    assert escape(SCRIPT) in html or escape(IMAGE) in html, url


def walk(client: Client, case: Case) -> None:
    """Every kind of bad input in turn, then script in every free-text field: saved, escaped."""
    blank = dict.fromkeys(case.data, "")  # as a browser sends an empty form
    refused(client, case.url, blank, f"{case.url}: nothing filled")
    for name in case.text:
        refused(client, case.url, {**case.data, name: LONG}, f"{case.url} {name}: long")
    for name in case.dates:
        for bad in BAD_DATES:
            refused(client, case.url, {**case.data, name: bad}, f"{case.url} {name}: {bad}")
    for names, bad_values in ((case.ids, BAD_IDS), (case.numbers, BAD_NUMBERS)):
        for name in names:
            for bad in bad_values:
                data = {**case.data, name: bad}
                refused(client, case.url, data, f"{case.url} {name}: {bad}")
    scripted = {name: (SCRIPT, IMAGE)[i % 2] for i, name in enumerate(case.text)}
    response = client.post(case.url, {**case.data, **scripted})
    assert response.status_code == 302, (case.url, _errors(response))
    if case.text:
        for url in [response["Location"], *case.shows]:
            shown_escaped(client, url)


def test_registry_forms(world: World, personas: Personas) -> None:
    field_pk = Field.objects.get(code="kinh-te").pk
    period_pk = MovementPeriod.objects.get(code="2021-2025").pk
    entry = entry_create(
        actor=None,
        name="Mô hình thử",
        kind=EntryKind.MODEL,
        unit=world.commune,
        commune=world.commune,
        field=Field.objects.get(pk=field_pk),
        period=MovementPeriod.objects.get(pk=period_pk),
        start_date=dt.date(2024, 3, 1),
    )
    values = {
        "name": "Mô hình mới",
        "kind": "model",
        "unit": world.commune.pk,
        "commune": world.commune.pk,
        "field": field_pk,
        "period": period_pk,
        "start_date": "01/03/2026",
    }
    text = ["name", "description", "method", "results", "result_measure", "leader"]
    ids = ["kind", "exemplar_type", "unit", "commune", "field", "period", "copies"]
    editor = personas.client(personas.commune_officer)
    listed = [reverse("registry:list")]
    for url in (reverse("registry:create"), reverse("registry:edit", args=[entry.pk])):
        walk(editor, Case(url, values, text, ["start_date"], ids, shows=listed))
    approver = personas.client(personas.province_officer)
    step = {"to": "effective", "on": "01/06/2024", "decision_code": "12-QĐ/BDVTU"}
    walk(
        approver,
        Case(
            reverse("registry:transition", args=[entry.pk]),
            step,
            ["decision_code", "note"],
            ["on"],
            ["to"],
        ),
    )
    bulk = reverse("registry:bulk_transition")
    for bad in BAD_IDS:
        refused(approver, bulk, {**step, "to": "recognised", "selected": bad}, f"bulk {bad}")
    refused(approver, reverse("registry:import_confirm"), {"token": "../../etc"}, "token")
    walked_all("registry")


ACTIVITIES: dict[str, tuple[dict[str, Any], list[str], list[str], list[str]]] = {
    # kind: (a valid filling, free text, dates, numbers)
    "conferences": (
        {"kind": "propaganda", "title": "Hội nghị", "persons": "30", "attendances": "45"},
        ["title", "target_group"],
        ["date"],
        ["persons", "attendances"],
    ),
    "documents": (
        {"code": "32-CT/TU", "role": "lead", "title": "Văn bản"},
        ["title"],
        ["date"],
        [],
    ),
    "inspections": (
        {"kind": "supervision", "title": "Giám sát", "organisations": "2", "members": "7"},
        ["title", "conclusions"],
        ["date"],
        ["organisations", "members"],
    ),
    "dialogues": (
        {
            "kind": "ad_hoc",
            "title": "Đối thoại",
            "leader": "Chủ tịch xã",
            "participants": "80",
            "opinions_raised": "10",
            "opinions_answered": "6",
        },
        ["title", "leader", "note"],
        ["date"],
        ["participants", "opinions_raised", "opinions_answered"],
    ),
    "tasks": (
        {
            "title": "Nhiệm vụ",
            "assignee": "Ban Dân vận",
            "responsibility": "Chủ trì",
            "method": "Phối hợp",
            "expected_result": "Hoàn thành",
            "deadline": "30/06/2026",
            "progress": "0",
        },
        ["plan", "title", "assignee", "responsibility", "method", "expected_result", "result"],
        ["date", "deadline", "done_on"],
        ["progress"],
    ),
}


def test_activity_forms(world: World, personas: Personas) -> None:
    editor = personas.client(personas.commune_officer)
    level = str(world.commune.level_id)
    for kind, (values, text, dates, numbers) in ACTIVITIES.items():
        data = {**values, "unit": world.commune.pk, "date": "05/03/2026"}
        ids = ["unit", *[name for name in ("kind", "role") if name in values]]
        if kind == "dialogues":
            data["level"], ids = level, [*ids, "level"]
        shows = [reverse("activities:list", args=[kind])]
        case = Case(
            reverse("activities:create", args=[kind]), data, text, dates, ids, numbers, shows
        )
        walk(editor, case)
        activity = KINDS[kind]._default_manager.latest("pk")
        case.url = reverse("activities:edit", args=[kind, activity.pk])
        case.text = [*text, "reason"]
        walk(editor, case)
        url = reverse("activities:delete", args=[kind, activity.pk])
        refused(editor, url, {"reason": ""}, f"{kind}: delete without a reason")
        refused(editor, url, {"reason": LONG}, f"{kind}: delete with a long reason")
    other = activity_create(
        actor=None,
        model=KINDS["conferences"],
        unit=world.other_province,
        date=dt.date(2026, 3, 5),
        title="Hội nghị tỉnh khác",
        kind=ConferenceKind.PROPAGANDA,
    )
    url = reverse("activities:edit", args=["conferences", other.pk])
    refused(editor, url, {"title": "x"}, "an activity out of scope")
    walked_all("activities")


def test_award_forms(world: World, personas: Personas) -> None:
    medal = AwardType.objects.get(code="ky-niem-chuong-dan-van")
    category = PersonCategory.objects.get(code="chuyen-trach")
    editor = personas.client(personas.commune_officer)
    person = {
        "full_name": "Nguyễn Văn Hùng",
        "birth_date": "19/05/1975",
        "gender": "male",
        "category": category.pk,
        "unit": world.commune.pk,
        "position": "Cán bộ",
    }
    people = [reverse("awards:people")]
    case = Case(
        reverse("awards:person_create"),
        person,
        ["full_name", "position"],
        ["birth_date", "died_on"],
        ["gender", "category", "unit"],
        shows=people,
    )
    walk(editor, case)
    created = Person.objects.latest("pk")
    case.url = reverse("awards:person_edit", args=[created.pk])
    walk(editor, case)
    detail = reverse("awards:person", args=[created.pk])
    service = {"form": "service", "service-start": "01/01/2000", "service-position": "Cán bộ"}
    service["service-organisation"] = "Ban Dân vận"
    walk(
        editor,
        Case(
            detail,
            service,
            ["service-position", "service-organisation"],
            ["service-start", "service-end"],
        ),
    )
    past = {"form": "past", "past-award_type": medal.pk, "past-decided_on": "01/10/2020"}
    past["past-decision_number"] = "15-QĐ/BDVTU"
    approver = personas.client(personas.province_officer)
    walk(approver, Case(detail, past, ["past-giver"], ["past-decided_on"], ["past-award_type"]))
    award = created.awards.get()
    revoke = reverse("awards:award", args=[award.pk])
    walk(approver, Case(revoke, {"on": "01/01/2026", "reason": "Sai"}, ["reason"], ["on"]))
    twin = person_create(
        actor=None,
        full_name="Nguyễn Văn Hùng",
        birth_date=dt.date(1975, 5, 19),
        gender=Gender.MALE,
        category=category,
        unit=world.commune,
    )
    merge = {"keep": created.pk, "duplicate": twin.pk, "reason": "Trùng"}
    for name in ("keep", "duplicate"):
        for bad in BAD_IDS:
            refused(editor, reverse("awards:duplicates"), {**merge, name: bad}, f"merge {bad}")
    refused(editor, reverse("awards:duplicates"), {**merge, "reason": LONG}, "merge: long")

    batch = {"title": "Đợt 15/10", "year": "2026", "unit": world.commune.pk}
    batch["decider"] = world.central.pk
    batches = reverse("awards:batches")
    walk(editor, Case(batches, batch, ["title"], [], ["unit", "decider"], ["year"], [batches]))
    drawn = Batch.objects.latest("pk")
    action = "awards:batch_action"
    veteran = person_create(
        actor=None,
        full_name="Trần Thị Lâu",
        birth_date=dt.date(1970, 1, 1),
        gender=Gender.FEMALE,
        category=category,
        unit=world.commune,
    )
    service_period_add(
        actor=None, person=veteran, start=dt.date(2000, 1, 1), position="Cán bộ", organisation="Ban"
    )
    line = {"person": veteran.code, "unit": world.commune.pk, "award_type": medal.pk}
    line_url = reverse(action, args=[drawn.pk, "line"])
    walk(editor, Case(line_url, line, ["achievement"], [], ["person", "unit", "award_type"]))
    for bad in BAD_IDS:
        propose = {"batch": drawn.pk, "award": medal.code, "selected": bad}
        refused(editor, reverse("awards:propose"), propose, f"propose {bad}")
        refused(editor, reverse(action, args=[drawn.pk, "remove"]), {"line": bad}, "remove")
    batch_submit(actor=personas.commune_officer, batch=drawn)
    proposal = drawn.lines.get()
    refuse = {"line": proposal.pk, "reason": LONG}
    refused(approver, reverse(action, args=[drawn.pk, "refuse"]), refuse, "refuse: long")
    for step in ("return", "forward"):
        url = reverse(action, args=[drawn.pk, step])
        refused(approver, url, {"reason": LONG}, f"{step}: long")
    refused(approver, reverse(action, args=[drawn.pk, "nothing"]), {}, "no such step")
    walked_all("awards")


def test_voice_forms(world: World, personas: Personas) -> None:
    editor = personas.client(personas.commune_officer)
    topic = Topic.objects.get(code="land")
    filing = {
        "source": "phone",
        "topic": topic.pk,
        "commune": world.commune.pk,
        "severity": "normal",
        "title": "Chậm chi trả",
        "text": "Đề nghị trả lời.",
    }
    text = ["title", "text", "contact_name", "contact_address"]
    ids = ["source", "dialogue", "topic", "commune", "unit", "severity"]
    listed = [reverse("voice:list")]
    walk(editor, Case(reverse("voice:create"), filing, text, [], ids, ["contact_phone"], listed))
    petition = Petition.objects.latest("pk")
    step = "voice:step"
    answer = {"answer": "Xã đã chi trả đủ tiền bồi thường cho các hộ."}
    refused(editor, reverse(step, args=[petition.pk, "answer"]), {"answer": LONG}, "answer")
    refused(editor, reverse(step, args=[petition.pk, "answer"]), {"answer": "ngắn"}, "short")
    transfer = {"to": world.other_commune.pk, "reason": "Sai địa bàn"}
    url = reverse(step, args=[petition.pk, "transfer"])
    for bad in BAD_IDS:
        refused(editor, url, {**transfer, "to": bad}, f"transfer to {bad}")
    refused(editor, url, {**transfer, "reason": LONG}, "transfer: long")
    refused(editor, reverse(step, args=[petition.pk, "return"]), {"reason": LONG}, "return")
    refused(editor, reverse(step, args=[petition.pk, "nothing"]), answer, "no such step")
    for action in ("acknowledge", "start"):
        editor.post(reverse(step, args=[petition.pk, action]))
    assert editor.post(reverse(step, args=[petition.pk, "answer"]), answer).status_code == 302
    refused(editor, reverse(step, args=[petition.pk, "close"]), {"reason": LONG}, "close")
    rate = {"code": petition.code, "rating": "5", "comment": "Tốt"}
    for bad in ["0", "abc", "99999999999999999999"]:
        refused(Client(), reverse("voice:rate"), {**rate, "rating": bad}, f"rating {bad}")
    refused(Client(), reverse("voice:rate"), {**rate, "code": LONG}, "rate: long code")
    mood = {"unit": world.teams[0].pk, "date": "16/11/2026", "topic": topic.pk}
    mood |= {"tone": "worried", "opinions": "20"}
    moods = reverse("voice:mood_create")
    shows = [reverse("voice:mood")]
    walk(
        editor,
        Case(moods, mood, ["notable"], ["date"], ["unit", "topic", "tone"], ["opinions"], shows),
    )
    walked_all("voice")


def test_structure_forms(world: World, personas: Personas) -> None:
    admin = personas.client(personas.central_admin)
    level, kind = UnitLevel.objects.get(code="village"), UnitKind.objects.get(code="village_team")
    teams = [
        unit_create(
            actor=None,
            code=f"T-WALK-{n}",
            name=f"Tổ dân vận thôn Đi {n}",
            level=level,
            kind=kind,
            parent=world.commune,
            valid_from=dt.date(2025, 7, 1),
        )
        for n in range(6)
    ]
    step = {"on": "01/12/2026", "decision": "Quyết định mẫu"}
    text, dates = ["decision", "note"], ["on"]
    shows = [reverse("organisation:detail", args=[world.commune.pk])]
    add = {"kind": kind.pk, "code": "T-WALK-NEW", "name": "Tổ mới", "valid_from": "01/12/2026"}
    url = reverse("organisation:add", args=[world.commune.pk])
    walk(admin, Case(url, add, ["code", "name"], ["valid_from"], ["kind"], shows=shows))
    cases: dict[str, tuple[dict[str, Any], list[str], list[str]]] = {
        "rename": ({**step, "name": "Tổ đổi tên"}, [], []),
        "transfer": ({**step, "parent": world.other_commune.pk}, [], ["parent"]),
        "merge": ({**step, "others": teams[5].pk, "target": "this"}, ["new_code"], ["others"]),
        "split": ({**step, "parts": "T-A; Tổ A\nT-B; Tổ B"}, [], []),
        "abolish": (step, [], []),
    }
    for team, (name, (data, more_text, ids)) in zip(teams, cases.items(), strict=False):
        url = reverse(f"organisation:{name}", args=[team.pk])
        walk(admin, Case(url, data, [*text, *more_text], dates, ids))
    walked_all("organisation")


def test_figures_news_and_account_forms(world: World, personas: Personas) -> None:
    editor = personas.client(personas.commune_officer)
    period = Period.parse("2026-Q1")
    report = reverse("indicators:report", args=[world.commune.pk, period.key])
    enterable = Indicator.objects.filter(enterable=True).first()
    assert enterable is not None
    name = f"i{enterable.pk}"
    for bad in BAD_NUMBERS:
        refused(editor, report, {name: bad}, f"figure {bad}")
    decide = reverse("indicators:report_decide", args=[999999999])
    refused(personas.client(personas.province_officer), decide, {"action": "approve"}, "decide")

    article = article_ingest(actor=None, source_name="bai.txt", content=HA_TINH)
    reject = reverse("news:reject", args=[article.article.pk])
    refused(editor, reject, {"reason": ""}, "reject without a reason")
    refused(editor, reject, {"reason": LONG}, "reject: long")

    password = reverse("accounts:password_change")
    change = {"old_password": PASSWORD, "new_password1": LONG, "new_password2": LONG}
    refused(editor, password, change, "password: long")
    refused(editor, password, {**change, "old_password": SCRIPT}, "password: wrong")
    login = reverse("accounts:login")
    refused(Client(), login, {"username": LONG, "password": LONG}, "login: long")
    refused(Client(), login, {"username": SCRIPT, "password": IMAGE}, "login: script")
    entry = entry_create(
        actor=None,
        name="Mô hình",
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
    )
    api = personas.client(personas.province_officer)
    url = f"/api/registry/entries/{entry.pk}/transition/"
    step = {"to": "effective", "on": "2024-06-01", "decision_code": "12-QĐ/BDVTU", "note": ""}
    before = _counts()
    for name, bad in [("on", "2025-02-31"), ("on", "abc"), ("to", "abc"), ("note", LONG)]:
        response = api.post(url, {**step, name: bad}, content_type="application/json")
        assert response.status_code == 400, (name, bad)
    assert _counts() == before
    walked_all("others")


def _xlsx(rows: list[list[Any]], *, headers: list[str], shape: Any = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if shape is not None:
        shape(book, sheet)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _bad_workbooks(headers: list[str], good: list[Any]) -> dict[str, tuple[str, bytes]]:
    """Every way a spreadsheet can be wrong, as (file name, content)."""
    valid = _xlsx([good], headers=headers)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "không phải Excel")

    def hidden(book: Any, sheet: Any) -> None:
        sheet.sheet_state = "hidden"
        book.create_sheet("Trang 2")

    def merged(book: Any, sheet: Any) -> None:
        sheet.merge_cells(start_row=2, start_column=1, end_row=3, end_column=len(headers))

    def formulas(book: Any, sheet: Any) -> None:
        for cell in sheet[2]:
            cell.value = "=1+1"

    return {
        "an exe": ("danh-sach.xlsx", b"MZ\x90\x00" + b"\x00" * 500),
        "a PDF renamed": ("danh-sach.xlsx", b"%PDF-1.4 not a spreadsheet"),
        "a zip": ("danh-sach.xlsx", archive.getvalue()),
        "an empty file": ("danh-sach.xlsx", b""),
        "a truncated file": ("danh-sach.xlsx", valid[: len(valid) // 2]),
        "wrong headers": ("danh-sach.xlsx", _xlsx([good], headers=["A", "B", "C"])),
        "no rows": ("danh-sach.xlsx", _xlsx([], headers=headers)),
        "formulas": ("danh-sach.xlsx", _xlsx([good], headers=headers, shape=formulas)),
        "merged cells": ("danh-sach.xlsx", _xlsx([good, good], headers=headers, shape=merged)),
        "a hidden sheet": ("danh-sach.xlsx", _xlsx([good], headers=headers, shape=hidden)),
        "too many rows": ("danh-sach.xlsx", _xlsx([good] * 12, headers=headers)),
        "too big": ("danh-sach.xlsx", valid + b"\x00" * spreadsheets.MAX_BYTES),
    }


def test_uploads(world: World, personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file an officer can send, wrong in every way: refused, named, nothing written."""
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)
    monkeypatch.setattr(spreadsheets, "MAX_BYTES", 4096 * 4)
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024)
    editor = personas.client(personas.commune_officer)
    entry_row = {
        "name": "Mô hình",
        "kind": "Mô hình",
        "unit": world.commune.code,
        "field": "Kinh tế",
        "period": "2021-2025",
        "start_date": "02/02/2023",
    }
    headers = [column.header for column in registry_excel.COLUMNS]
    good = [entry_row.get(column.name, "") for column in registry_excel.COLUMNS]
    books = _bad_workbooks(headers, good)
    dated = [
        {**entry_row, "start_date": "32/13/2023"}.get(c.name, "") for c in registry_excel.COLUMNS
    ]
    books["an impossible date"] = ("danh-sach.xlsx", _xlsx([dated], headers=headers))
    for what, (name, content) in books.items():
        upload = SimpleUploadedFile(name, content)
        refused(editor, reverse("registry:import"), {"file": upload}, f"import: {what}")

    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Đợt", year=2026
    )
    headers = [column.header for column in awards_excel.COLUMNS]
    good = ["Tập thể", "", "Chi hội Phụ nữ thôn Thử", "", "", "", "", "", world.commune.code]
    good.append(AwardType.objects.get(code="ky-niem-chuong-dan-van").name)
    books = _bad_workbooks(headers, good)
    dated = ["Cá nhân", "", "Nguyễn Văn A", "31/02/1970", "Nam", "", "", "", world.commune.code]
    books["an impossible date"] = ("danh-sach.xlsx", _xlsx([dated], headers=headers))
    for what, (name, content) in books.items():
        url = reverse("awards:batch_action", args=[batch.pk, "import"])
        refused(editor, url, {"file": SimpleUploadedFile(name, content)}, f"batch: {what}")

    files = {
        "an exe": SimpleUploadedFile("chung-cu.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        "a PDF renamed": SimpleUploadedFile("anh.png", b"%PDF-1.4 x"),
        "an empty file": SimpleUploadedFile("trong.pdf", b""),
        "too big": SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"x" * 2048),
        "a script": SimpleUploadedFile("x.html", SCRIPT.encode()),
    }
    entry = entry_create(
        actor=None,
        name="Mô hình",
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
    )
    filing = {
        "source": "phone",
        "topic": Topic.objects.get(code="land").pk,
        "commune": world.commune.pk,
        "severity": "normal",
        "title": "Chậm chi trả",
        "text": "Đề nghị trả lời.",
    }
    for what, upload in files.items():
        upload.seek(0)
        url = reverse("registry:evidence", args=[entry.pk])
        refused(editor, url, {"file": upload}, f"evidence: {what}")
        upload.seek(0)
        data = {**filing, "attachments": upload}
        refused(editor, reverse("voice:create"), data, f"attachment: {what}")

    articles = {
        "an exe": ("bai.exe", b"MZ\x90\x00"),
        "a PDF renamed": ("bai.html", b"%PDF-1.4 \xff\xfe\x00"),
        "an empty file": ("bai.txt", b""),
        "a wrong encoding": ("bai.txt", "Dân vận khéo".encode("utf-16")),
        "broken HTML": ("bai.html", b"<html><body><p>D\xc3\xa2n <div><script>alert(1)"),
        "NUL characters": ("bai.txt", HA_TINH.encode() + b"\x00"),
    }
    for what, (name, content) in articles.items():
        upload = SimpleUploadedFile(name, content)
        refused(editor, reverse("news:upload"), {"articles": [upload]}, f"article: {what}")
    walked_all("uploads")


QUERY_NAMES = [
    *["page", "year", "unit", "within", "as_of", "on", "q", "level", "kind", "status", "field"],
    *["period", "province", "commune", "indicator", "format", "open", "in_force", "award"],
    *["topic", "tone", "source", "severity", "state", "grain", "date_from", "date_to", "code"],
]
BAD_QUERY = ["abc", "99999999999999999999", "31/02/2025", "²", "-1", "a\x00b"]


def test_pages_read_bad_queries_without_failing(world: World, personas: Personas) -> None:
    """Every page and list of the API, asked with nonsense in every parameter: never a 500."""
    client = personas.client(personas.province_officer)
    client.raise_request_exception = False
    urls = []
    for name in sorted(PAGE_ROUTES):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:  # a page of one record: its id is walked with the forms
            continue
    urls += [reverse("activities:list", args=[kind]) for kind in KINDS]
    urls += [reverse("activities:export", args=[kind]) for kind in KINDS]
    urls += ["/api/registry/entries/", "/api/awards/awards/", "/api/voice/petitions/"]
    urls += ["/api/units/", "/api/activities/conferences/", "/api/news/articles/"]
    for url in urls:
        asked = [dict.fromkeys(QUERY_NAMES, bad) for bad in BAD_QUERY]
        asked += [{"page": "abc"}, {"page": "99999999999999999999"}, {"q": LONG}]
        for query in asked:
            response = client.get(url, query)
            assert response.status_code < 500, (url, {k: v[:20] for k, v in query.items()})


FORMULAS = ['=HYPERLINK("http://x.example","Bấm")', "+1+1", "-1+1", "@SUM(A1)"]


def _formulas_in(content: bytes) -> list[str]:
    """The formulas an Excel file holds: none may come from what officers typed."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
        return [name for name in sheets if b"<f>" in book.read(name)]


def test_exports_keep_typed_formulas_as_text(world: World, personas: Personas) -> None:
    hyperlink, plus, minus, at = FORMULAS
    entry_create(
        actor=None,
        name=hyperlink,
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
        description=plus,
        method=minus,
        leader=at,
    )
    activity_create(
        actor=None,
        model=KINDS["conferences"],
        unit=world.commune,
        date=dt.date(2026, 3, 5),
        title=hyperlink,
        target_group=at,
        kind=ConferenceKind.PROPAGANDA,
    )
    award_record_past(
        actor=None,
        award_type=AwardType.objects.get(code="ky-niem-chuong-dan-van"),
        unit=world.commune,
        decided_on=dt.date(2020, 10, 1),
        decision_number="15-QĐ/BDVTU",
        giver=hyperlink,
        person=person_create(
            actor=None,
            full_name="Nguyễn Văn Hùng",
            birth_date=dt.date(1975, 5, 19),
            gender=Gender.MALE,
            category=PersonCategory.objects.get(code="chuyen-trach"),
            unit=world.commune,
        ),
    )
    client = personas.client(personas.province_officer)
    exports = ["registry:export", "awards:export"]
    for url in [*map(reverse, exports), reverse("activities:export", args=["conferences"])]:
        content = client.get(url).content
        assert not _formulas_in(content), url
        book = load_workbook(io.BytesIO(content))
        texts = {cell.value for sheet in book for row in sheet.iter_rows() for cell in row}
        assert hyperlink in texts, url


def test_every_free_text_field_has_a_limit() -> None:
    """The form says "too long" in Vietnamese; the database never has to."""
    unbounded = []
    for app in apps.get_app_configs():
        if not app.name.startswith("danvan."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for form in vars(module).values():
            if not (isinstance(form, type) and issubclass(form, BaseForm)):
                continue
            form_fields: dict[str, Any] = getattr(form, "base_fields", {})
            for name, form_field in form_fields.items():
                if isinstance(form_field, CharField) and form_field.max_length is None:
                    unbounded.append(f"{form.__name__}.{name}")
    assert not unbounded
