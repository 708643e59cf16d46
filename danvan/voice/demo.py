"""The demo province's citizens' voice: twelve weeks of petitions and mood reports, petitions
in every state (some overdue and escalated), one petition's whole story from filing to the
citizen's public page, and last week's surge of land complaints around one commune that the
hot-spot scan finds."""

import datetime as dt
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.capability.declaration import DemoPart, DemoWorld
from danvan.units.models import Unit
from danvan.voice.calendar import add_working_hours, calendar_load, working_hours_between
from danvan.voice.detection import neighbours
from danvan.voice.hotspots import hotspots_detect, last_complete_week, province_communes
from danvan.voice.models import Petition, Severity, Source, Tone, Topic
from danvan.voice.selectors import dialogues_within
from danvan.voice.services import (
    deadlines,
    mood_report_create,
    petition_acknowledge,
    petition_answer,
    petition_close,
    petition_file,
    petition_start,
    petitions_escalate,
)

WEEKS = 12
TITLES = {
    "land": ["Chậm chi trả tiền bồi thường giải phóng mặt bằng", "Tranh chấp ranh giới đất"],
    "environment": ["Trại chăn nuôi gây ô nhiễm", "Rác thải ùn ứ ven đường"],
    "social-policy": ["Chậm giải quyết chế độ người có công", "Xét hộ nghèo chưa đúng"],
    "infrastructure": ["Đường liên thôn xuống cấp", "Mương thủy lợi bị bồi lấp"],
    "public-ethics": ["Cán bộ tiếp dân chưa đúng mực", "Thủ tục hành chính kéo dài"],
    "religion": ["Đề nghị cấp phép sửa chữa nơi thờ tự"],
    "other": ["Mất điện kéo dài", "Đề nghị lắp đèn chiếu sáng"],
}
OPINIONS = {
    Tone.SUPPORTIVE: "Nhân dân đồng tình, phấn khởi",
    Tone.NEUTRAL: "Nhân dân quan tâm theo dõi",
    Tone.WORRIED: "Một số hộ băn khoăn, lo lắng",
    Tone.OPPOSED: "Một số hộ chưa đồng thuận, đề nghị đối thoại",
}
PDF = b"%PDF-1.4\n% danvan demo evidence\n"


def _at(rng: random.Random, week: dt.date) -> dt.datetime:
    day = week + dt.timedelta(days=rng.randrange(5))
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(rng.randrange(8, 16), rng.choice([0, 15, 30, 45])))
    )


def _title(rng: random.Random, topic: Topic) -> str:
    return rng.choice(TITLES.get(topic.code, TITLES["other"]))


def _petition(
    rng: random.Random, *, commune: Unit, topic: Topic, at: dt.datetime, **extra: object
) -> Petition:
    title = _title(rng, topic)
    data: dict[str, Any] = {
        "source": rng.choice([Source.FORM, Source.PHONE, Source.VILLAGE_TEAM]),
        "severity": rng.choice([Severity.NORMAL] * 4 + [Severity.COMPLEX]),
        "contact_name": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", ""]),
        "contact_phone": f"09{rng.randrange(10**7, 10**8)}",
        **extra,
    }
    return petition_file(
        actor=None,
        commune=commune,
        topic=topic,
        title=title,
        text=f"{title} tại {commune.name}. Đề nghị các cơ quan xem xét, giải quyết.",
        received_at=at,
        is_sample=True,
        **data,
    )


def _progress(rng: random.Random, petition: Petition, now: dt.datetime) -> None:
    """Move a past petition along, as a unit that keeps its deadlines would."""
    calendar = calendar_load()
    step = petition.received_at
    for move in (petition_acknowledge, petition_start):
        step = add_working_hours(calendar, step, rng.randrange(2, 6))
        if step > now:
            return
        move(actor=None, petition=petition, at=step)
    step = add_working_hours(calendar, step, rng.randrange(8, 40))
    if step > now:
        return
    petition_answer(
        actor=None,
        petition=petition,
        answer="Đã kiểm tra thực địa, làm việc với các hộ liên quan và giải quyết theo quy định.",
        at=step,
    )
    if rng.random() < 0.5:
        petition_close(actor=None, petition=petition, reason="Công dân đồng ý với kết quả")


def _background(
    rng: random.Random, communes: list[Unit], teams: dict[int, list[Unit]], now: dt.datetime
) -> int:
    topics = list(Topic.objects.all())
    first = last_complete_week(now) - dt.timedelta(days=7 * (WEEKS - 1))
    created = 0
    for week_number in range(WEEKS):
        week = first + dt.timedelta(days=7 * week_number)
        for commune in communes:
            for _ in range(rng.choice([0, 0, 0, 1])):
                petition = _petition(
                    rng, commune=commune, topic=rng.choice(topics), at=_at(rng, week)
                )
                _progress(rng, petition, now)
                created += 1
            for _ in range(rng.choice([0, 0, 1])):
                tone = rng.choice([Tone.SUPPORTIVE, Tone.NEUTRAL, Tone.NEUTRAL, Tone.WORRIED])
                mood_report_create(
                    actor=None,
                    unit=rng.choice(teams.get(commune.pk) or [commune]),
                    date=_at(rng, week).date(),
                    topic=rng.choice(topics),
                    tone=tone,
                    opinions=rng.randrange(3, 30),
                    notable=OPINIONS[tone],
                    is_sample=True,
                )
                created += 1
    return created


def _story(province: Unit, commune: Unit, now: dt.datetime) -> Petition:
    """One petition's whole way: filed at a dialogue, overdue, escalated to the province,
    then answered with evidence; the citizen can read the answer on the public page."""
    received = timezone.make_aware(
        dt.datetime.combine(last_complete_week(now) - dt.timedelta(days=21), dt.time(9, 0))
    )
    dialogue = dialogues_within(province).order_by("-date").first()
    petition = petition_file(
        actor=None,
        source=Source.DIALOGUE if dialogue else Source.FORM,
        dialogue=dialogue,
        commune=commune,
        topic=Topic.objects.get(code="infrastructure"),
        severity=Severity.NORMAL,
        title="Cầu tràn qua suối bị sạt lở, học sinh đi lại nguy hiểm",
        text="Cử tri phản ánh cầu tràn qua suối bị sạt lở sau mưa lũ, đề nghị sửa chữa sớm.",
        contact_name="Phan Văn Dũng",
        contact_phone="0912345678",
        received_at=received,
        is_sample=True,
    )
    calendar = calendar_load()
    late = add_working_hours(calendar, petition.acknowledge_due, 1)
    petitions_escalate(now=late)
    answered = add_working_hours(calendar, late, 12)
    petition_acknowledge(actor=None, petition=petition, at=add_working_hours(calendar, late, 2))
    petition_start(actor=None, petition=petition, at=add_working_hours(calendar, late, 3))
    petition_answer(
        actor=None,
        petition=petition,
        answer=(
            "Ủy ban nhân dân xã đã khảo sát, bố trí kinh phí và hoàn thành sửa chữa cầu tràn; "
            "biên bản nghiệm thu kèm theo."
        ),
        evidence=[SimpleUploadedFile("bien-ban-nghiem-thu.pdf", PDF, "application/pdf")],
        at=answered,
    )
    return petition


def _open_ones(rng: random.Random, communes: list[Unit], now: dt.datetime) -> None:
    """Petitions left open: overdue ones (to be escalated) and one whose deadline is near."""
    calendar = calendar_load()
    land = Topic.objects.get(code="land")
    for commune in communes[:4]:
        _petition(
            rng,
            commune=commune,
            topic=land,
            at=_at(rng, last_complete_week(now) - dt.timedelta(days=21)),
            severity=Severity.NORMAL,
        )
    urgent_at = add_working_hours(calendar, now - dt.timedelta(days=4), 0)
    if urgent_at < now:
        _petition(rng, commune=communes[0], topic=land, at=urgent_at, severity=Severity.URGENT)
    for back in range(1, 24 * 21):
        received = now - dt.timedelta(hours=back)
        _acknowledge, due = deadlines(
            severity=Severity.NORMAL, received_at=received, calendar=calendar
        )
        if due > now and 0 < working_hours_between(calendar, now, due) <= 4:
            near = _petition(
                rng, commune=communes[1], topic=land, at=received, severity=Severity.NORMAL
            )
            petition_acknowledge(actor=None, petition=near)
            break


def _surge(
    rng: random.Random,
    commune: Unit,
    communes: list[Unit],
    teams: dict[int, list[Unit]],
    now: dt.datetime,
) -> None:
    """Last week, land complaints rise in a commune and its two nearest neighbours."""
    land = Topic.objects.get(code="land")
    index = communes.index(commune)
    near = neighbours([(float(c.latitude or 0), float(c.longitude or 0)) for c in communes], most=3)
    week = last_complete_week(now)
    for place, petitions, moods in zip(near[index], (6, 4, 3), (3, 2, 2), strict=True):
        place_unit = communes[int(place)]
        for _ in range(petitions):
            surging = _petition(
                rng, commune=place_unit, topic=land, at=_at(rng, week), severity=Severity.COMPLEX
            )
            _progress(rng, surging, now)
        for _ in range(moods):
            mood_report_create(
                actor=None,
                unit=rng.choice(teams.get(place_unit.pk) or [place_unit]),
                date=_at(rng, week).date(),
                topic=land,
                tone=rng.choice([Tone.WORRIED, Tone.OPPOSED]),
                opinions=rng.randrange(10, 40),
                notable="Người dân lo lắng về giá bồi thường và tiến độ tái định cư của dự án",
                is_sample=True,
            )


def demo_build(world: DemoWorld) -> DemoPart:
    """Create the sample once; its notes give the story petition's tracking code."""
    province, commune = world.province, world.commune
    story = Petition.objects.filter(
        is_sample=True, escalation_level__gt=0, state="answered"
    ).first()
    if story is not None:
        return _part(0, story.code)
    rng = random.Random(2026)
    now = timezone.now()
    communes = province_communes(province)
    if commune not in communes:
        communes.append(commune)
    teams: dict[int, list[Unit]] = {}
    for team in Unit.objects.filter(parent__in=communes, kind__code="village_team").current():
        teams.setdefault(team.parent_id or 0, []).append(team)
    created = _background(rng, communes, teams, now)
    petition = _story(province, commune, now)
    _open_ones(rng, communes, now)
    _surge(rng, commune, communes, teams, now)
    petitions_escalate(now=now)
    hotspots_detect(province=province, week_start=last_complete_week(now))
    return _part(created + 1, petition.code)


def _part(created: int, code: str) -> DemoPart:
    follow = f"A petition to follow without signing in at /voice/track/: {code}"
    return DemoPart(f"{created} petitions and mood reports", notes=(follow,))
