"""The demo province's activities from 2021 on, 2022 matching seed-001's figures exactly:
291 conferences for 13,360 participants, the sector's 222 trainings for 6,842 people (over
6,800), 919 documents leading the work and 507 guiding it (over 500), 179 inspections of 545
Party organisations and members; and its periodic reports (11 collectives given
certificates of merit in 2022)."""

import datetime as dt
import random

from danvan.activities.models import (
    Activity,
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
from danvan.activities.services import activities_create_many
from danvan.capability.declaration import DemoPart, DemoWorld
from danvan.indicators.models import Indicator, PeriodReport
from danvan.indicators.periods import Period
from danvan.indicators.selectors import report_due
from danvan.indicators.services import report_approve, report_return, report_save, report_submit
from danvan.units.models import Unit, UnitLevel

MERGER = dt.date(2025, 7, 1)
LAST_DAY = dt.date(2026, 10, 31)  # the demo's data stop here, whatever day it is built
REASON = "Dữ liệu mẫu của bản trình diễn"


class Year:
    """One year's totals; 2022's are seed-001's."""

    def __init__(self, year: int, scale: float) -> None:
        self.year = year
        self.conferences = round(291 * scale)
        self.conference_persons = round(13360 * scale)
        self.trainings = round(222 * scale)
        self.training_persons = round(6842 * scale)
        self.documents_lead = round(919 * scale)
        self.documents_guide = round(507 * scale)
        self.inspections = round(179 * scale)
        self.inspected = round(545 * scale)
        self.dialogues = round(96 * scale)
        self.tasks = round(40 * scale)


YEARS = [Year(2021, 0.9), Year(2022, 1.0), Year(2023, 1.06), Year(2024, 1.1), Year(2025, 1.12)]
YEARS.append(Year(2026, 0.95))  # to the end of October

CONFERENCE_TITLES = {
    ConferenceKind.PROPAGANDA: "Hội nghị tuyên truyền, quán triệt Chỉ thị 16-CT/TU",
    ConferenceKind.TRAINING: "Hội nghị học tập, quán triệt Nghị quyết Trung ương",
    ConferenceKind.DEPLOYMENT: "Hội nghị triển khai nhiệm vụ công tác dân vận",
    ConferenceKind.REVIEW: "Hội nghị sơ kết phong trào thi đua “Dân vận khéo”",
    ConferenceKind.HONOURING: "Hội nghị biểu dương điển hình “Dân vận khéo”",
    ConferenceKind.ANNIVERSARY: "Kỷ niệm Ngày truyền thống công tác dân vận của Đảng",
}
TRAINING_TITLES = [
    "Lớp bồi dưỡng nghiệp vụ công tác dân vận",
    "Tập huấn kỹ năng dân vận cho cán bộ cơ sở",
    "Tập huấn công tác dân vận chính quyền",
    "Bồi dưỡng nghiệp vụ cho Tổ dân vận thôn, tổ dân phố",
]
DOCUMENTS = [
    ("CT", "Chỉ thị về tăng cường công tác dân vận"),
    ("KH", "Kế hoạch thực hiện phong trào thi đua “Dân vận khéo”"),
    ("NQ", "Nghị quyết về công tác dân vận"),
    ("KL", "Kết luận về công tác vận động quần chúng"),
    ("TB", "Thông báo kết luận của Thường trực"),
]
GUIDES = ["Hướng dẫn xây dựng mô hình “Dân vận khéo”", "Hướng dẫn thực hiện Quy chế dân chủ"]
LEADERS = ["Bí thư", "Phó Bí thư Thường trực", "Chủ tịch Ủy ban nhân dân", "Trưởng Ban Dân vận"]
TASKS = [
    ("Sơ kết phong trào thi đua “Dân vận khéo”", "Ban Dân vận", "Chủ trì, tham mưu"),
    ("Đối thoại với nhân dân về giải phóng mặt bằng", "Ủy ban nhân dân", "Chủ trì"),
    ("Kiểm tra thực hiện Quy chế dân chủ ở cơ sở", "Ban Dân vận", "Chủ trì, phối hợp"),
    ("Củng cố Tổ dân vận thôn, tổ dân phố", "Khối dân vận", "Thực hiện"),
]


def _split(rng: random.Random, total: int, parts: int, low: int = 1) -> list[int]:
    """`parts` random numbers of at least `low` adding up to `total` exactly."""
    if parts == 0:
        return []
    weights = [rng.random() + 0.2 for _ in range(parts)]
    room = total - low * parts
    shares = [low + int(room * w / sum(weights)) for w in weights]
    for index in range(total - sum(shares)):
        shares[index % parts] += 1
    return shares


def _date(rng: random.Random, year: int) -> dt.date:
    # busier in the fourth quarter, around the 15/10 anniversary
    month = rng.choices(range(1, 13), [6, 5, 8, 8, 8, 7, 7, 8, 9, 14, 11, 9])[0]
    day = dt.date(year, month, rng.randint(1, 28))
    return min(day, LAST_DAY)


class _Places:
    """Who did the work: the province's Party committee and commission, and its communes,
    as they stood on the day (before the 2025 merger: the old ones)."""

    def __init__(self, legacy_province: Unit, province: Unit) -> None:
        self.old_top = [
            legacy_province,
            *Unit.objects.filter(parent=legacy_province, level__code="district"),
        ]
        self.old_communes = list(
            Unit.objects.filter(parent__parent=legacy_province, level__code="commune")
        )
        self.new_top = [province]
        self.new_communes = list(province.children.current().filter(level__code="commune"))

    def pick(self, rng: random.Random, day: dt.date, *, top_share: float = 0.25) -> Unit:
        old = day < MERGER
        top, communes = (
            (self.old_top, self.old_communes) if old else (self.new_top, self.new_communes)
        )
        return rng.choice(top if rng.random() < top_share else communes)


def _year_records(
    rng: random.Random, year: Year, places: _Places, levels: dict[str, UnitLevel]
) -> list[Activity]:
    records: list[Activity] = []
    kinds = [
        ConferenceKind.PROPAGANDA,
        ConferenceKind.TRAINING,
        ConferenceKind.DEPLOYMENT,
        ConferenceKind.REVIEW,
        ConferenceKind.HONOURING,
        ConferenceKind.ANNIVERSARY,
    ]
    for persons in _split(rng, year.conference_persons, year.conferences, low=12):
        kind = rng.choices(kinds, [30, 30, 20, 10, 5, 5])[0]
        day = (
            dt.date(year.year, 10, 15)
            if kind == ConferenceKind.ANNIVERSARY
            else _date(rng, year.year)
        )
        records.append(
            Conference(
                unit=places.pick(rng, day),
                date=min(day, LAST_DAY),
                kind=kind,
                title=CONFERENCE_TITLES[kind],
                persons=persons,
                attendances=persons + rng.randint(0, persons // 2),
                target_group=rng.choice(["Cán bộ, đảng viên", "Đoàn viên, hội viên", "Nhân dân"]),
                is_sample=True,
            )
        )
    for persons in _split(rng, year.training_persons, year.trainings, low=10):
        day = _date(rng, year.year)
        records.append(
            Conference(
                unit=places.pick(rng, day, top_share=0.5),
                date=day,
                kind=ConferenceKind.TRAINING,
                by_sector=True,
                title=rng.choice(TRAINING_TITLES),
                persons=persons,
                attendances=persons,
                target_group="Cán bộ làm công tác dân vận",
                is_sample=True,
            )
        )
    numbers: dict[tuple[int, str], int] = {}
    for role, count in (
        (DocumentRole.LEAD, year.documents_lead),
        (DocumentRole.GUIDE, year.documents_guide),
    ):
        for _ in range(count):
            day = _date(rng, year.year)
            unit = places.pick(rng, day, top_share=0.3)
            doc_type, title = (
                ("HD", rng.choice(GUIDES)) if role == DocumentRole.GUIDE else rng.choice(DOCUMENTS)
            )
            issuer = (
                "BDVTU"
                if unit.level.code == "province"
                else "HU"
                if unit.level.code == "district"
                else "ĐU"
            )
            numbers[(unit.pk, doc_type)] = numbers.get((unit.pk, doc_type), 0) + 1
            records.append(
                Document(
                    unit=unit,
                    date=day,
                    role=role,
                    title=title,
                    code=f"{numbers[(unit.pk, doc_type)]}-{doc_type}/{issuer}",
                    is_sample=True,
                )
            )
    for inspected in _split(rng, year.inspected, year.inspections, low=1):
        day = _date(rng, year.year)
        organisations = rng.randint(0, min(3, inspected))
        records.append(
            Inspection(
                unit=places.pick(rng, day, top_share=0.4),
                date=day,
                kind=rng.choice([InspectionKind.INSPECTION, InspectionKind.SUPERVISION]),
                title="Kiểm tra, giám sát việc thực hiện Quy chế dân chủ ở cơ sở",
                organisations=organisations,
                members=inspected - organisations,
                conclusions="Cơ bản thực hiện tốt; cần phát huy vai trò của Tổ dân vận.",
                is_sample=True,
            )
        )
    for _ in range(year.dialogues):
        day = _date(rng, year.year)
        unit = places.pick(rng, day, top_share=0.2)
        raised = rng.randint(5, 40)
        records.append(
            Dialogue(
                unit=unit,
                date=day,
                kind=rng.choices([DialogueKind.PERIODIC, DialogueKind.AD_HOC], [3, 1])[0],
                title="Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
                leader=f"{rng.choice(LEADERS)} {unit.name}",
                level=levels[unit.level.code],
                participants=rng.randint(60, 300),
                opinions_raised=raised,
                opinions_answered=round(raised * rng.uniform(0.85, 1.0)),
                is_sample=True,
            )
        )
    for _ in range(year.tasks):
        day = _date(rng, year.year)
        what, who, responsibility = rng.choice(TASKS)
        deadline = day + dt.timedelta(days=rng.randint(30, 120))
        done = (
            deadline - dt.timedelta(days=rng.randint(0, 20))
            if deadline < dt.date(2026, 9, 1)
            else None
        )
        records.append(
            WorkTask(
                unit=places.pick(rng, day, top_share=0.5),
                date=day,
                title=what,
                assignee=who,
                responsibility=responsibility,
                method="Xây dựng kế hoạch, phân công, kiểm tra, đôn đốc",
                expected_result="Hoàn thành đúng tiến độ, có báo cáo kết quả",
                deadline=deadline,
                progress=100 if done else rng.choice([30, 50, 70]),
                done_on=done,
                result="Đã hoàn thành" if done else "",
                is_sample=True,
            )
        )
    return records


def demo_build(world: DemoWorld) -> DemoPart:
    """Create the sample activities and periodic reports once."""
    if Conference.objects.filter(is_sample=True).exists():
        return DemoPart("0 activities")
    legacy_province, province = world.legacy_province, world.province
    rng = random.Random(1510)
    places = _Places(legacy_province, province)
    levels = {level.code: level for level in UnitLevel.objects.all()}
    records: list[Activity] = []
    for year in YEARS:
        records += _year_records(rng, year, places, levels)
    created = activities_create_many(actor=None, records=records, reason=REASON)
    _reports(rng, legacy_province=legacy_province, province=province)
    return DemoPart(f"{created} activities")


def _reports(rng: random.Random, *, legacy_province: Unit, province: Unit) -> None:
    """Periodic reports: the province's 2022 totals of certificates of merit, approved; the
    communes' third quarter of 2026 in every state."""
    merit = {i.code: i.pk for i in Indicator.objects.filter(code__startswith="merit-")}
    by_year = {2021: (9, 24), 2022: (11, 30), 2023: (12, 35), 2024: (12, 33)}
    for year, (collectives, individuals) in by_year.items():
        report_save(
            actor=None,
            unit=legacy_province,
            period=Period.year(year),
            is_sample=True,
            values={
                merit["merit-collectives"]: collectives,
                merit["merit-individuals"]: individuals,
            },
        )
    for year, (collectives, individuals) in {2025: (13, 36)}.items():
        report_save(
            actor=None,
            unit=province,
            period=Period.year(year),
            is_sample=True,
            values={
                merit["merit-collectives"]: collectives,
                merit["merit-individuals"]: individuals,
            },
        )
    quarter = Period.quarter(2026, 3)
    communes = list(province.children.current().filter(level__code="commune").order_by("code"))
    due = report_due(quarter)
    for index, commune in enumerate(communes[: len(communes) * 3 // 4]):
        report = report_save(
            actor=None,
            unit=commune,
            period=quarter,
            is_sample=True,
            values={merit["merit-individuals"]: rng.randint(0, 3)},
        )
        report_submit(actor=None, report=report)
        # sample data: submitted on a plausible day, most of them before the deadline
        day = due + dt.timedelta(days=rng.randint(-8, 4))
        PeriodReport.objects.filter(pk=report.pk).update(
            submitted_at=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
        )
        if index % 5 == 0:
            report_return(
                actor=None,
                report=report,
                note="Đề nghị bổ sung số liệu khen thưởng của các chi bộ.",
            )
        elif index % 5 in (1, 2):
            report_approve(actor=None, report=report)
