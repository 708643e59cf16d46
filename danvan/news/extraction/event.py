"""The main event an article reports: which sentence tells it, its kind, date and organiser.

The event sentence is the first that says "<organiser> tổ chức <event>"; failing that, the
first of the opening paragraphs that names an event ("… dự họp mặt"); failing that, the
headline. The kind comes from the event's noun, and for a conference from the words of its
name ("Hội nghị triển khai nhiệm vụ …", "Hội nghị sơ kết …").
"""

import re
from dataclasses import dataclass

from danvan.news.extraction.dates import DateMention, find_dates

KINDS = {
    "toa_dam": r"tọa đàm",
    "gap_mat": r"gặp mặt|họp mặt|mít[\s-]?tinh|gặp gỡ|lễ kỷ niệm",
    "le_bieu_duong": r"(?:lễ\s+)?(?:biểu dương|tôn vinh|tuyên dương)",
    "hoi_nghi_tap_huan": r"lớp\s+(?:tập huấn|bồi dưỡng)|tập huấn|bồi dưỡng",
    "hoi_nghi_doi_thoai": r"đối thoại|tiếp xúc",
    "hoi_nghi_so_ket_tong_ket": r"sơ kết|tổng kết",
    "hoi_nghi": r"hội nghị|hội thảo|đại hội",
}
# What a conference's name says it does: the first of these words in the name decides.
CONFERENCE_KINDS = {
    "hoi_nghi_trien_khai": r"triển khai|kế hoạch|phương hướng",
    "hoi_nghi_so_ket_tong_ket": r"sơ kết|tổng kết",
    "hoi_nghi_tap_huan": r"tập huấn|bồi dưỡng",
    "hoi_nghi_doi_thoai": r"đối thoại|tiếp xúc",
    "le_bieu_duong": r"biểu dương|tôn vinh|tuyên dương",
}
OTHER_CONFERENCE = "hoi_nghi_khac"


def _named_groups(kinds: dict[str, str]) -> re.Pattern[str]:
    return re.compile(
        "|".join(rf"\b(?P<{kind}>{pattern})\b" for kind, pattern in kinds.items()), re.IGNORECASE
    )


_EVENT = _named_groups(KINDS)
_CONFERENCE = _named_groups(CONFERENCE_KINDS)
_CONFERENCE_NAME_END = re.compile(r"[,;.(:]|\s(?:nhằm|để|với sự|tại|do)\s")
_ORGANISE = re.compile(r"\b(?:tổ chức|phối hợp tổ chức)\b", re.IGNORECASE)
_ORGANISE_PREFIX = re.compile(
    r"(?:\s+(?:đã|vừa|long trọng|trọng thể|trang trọng|chính thức|phối hợp|đồng|cùng))+$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:tại|vào|nhân|hôm|sáng|chiều|tối|trưa|ngày|trong|vừa qua|mới đây|từ|sau|được|"
    r"thực hiện|hưởng ứng)\b",
    re.IGNORECASE,
)
_TODAY = re.compile(r"\b(?:hôm nay|sáng nay|chiều nay|tối nay|trưa nay)\b", re.IGNORECASE)
_MAX_ORGANISER_WORDS = 25
_OPENING_PARAGRAPHS = 3


@dataclass(frozen=True)
class EventSentence:
    text: str
    kind: str
    organizer: str | None
    date: DateMention | None
    today: bool  # "sáng nay": the day of the article's stamp


def _kind_at(sentence: str, start: int) -> tuple[str, int] | None:
    match = _EVENT.search(sentence, start)
    if match is None or match.lastgroup is None:
        return None
    if match.lastgroup != "hoi_nghi":
        return match.lastgroup, match.start()
    tail = sentence[match.end() :]
    name_end = _CONFERENCE_NAME_END.search(tail)
    name = tail[: name_end.start() if name_end else 120]
    conference = _CONFERENCE.search(name)
    kind = conference.lastgroup if conference and conference.lastgroup else OTHER_CONFERENCE
    return kind, match.start()


def _organiser(sentence: str, organise: re.Match[str]) -> str | None:
    """Who "tổ chức" the event: the subject before the verb, lead-ins ("Chiều 13/10,") off."""
    subject = _ORGANISE_PREFIX.sub("", sentence[: organise.start()].rstrip())
    by = re.search(r"\bdo\s+(?P<who>[^,]+)$", subject)
    if by:
        subject = by.group("who")
    parts = [part.strip() for part in subject.split(",")]
    while parts and (not parts[0] or _LEAD_IN.match(parts[0]) or find_dates(parts[0])):
        parts.pop(0)
    organiser = ", ".join(parts)
    if not organiser or not organiser[0].isupper():
        return None
    if len(organiser.split()) > _MAX_ORGANISER_WORDS:
        return None
    return organiser


def _event_in(sentence: str) -> EventSentence | None:
    organise = next(
        (m for m in _ORGANISE.finditer(sentence) if _starts_event(sentence, m.end())), None
    )
    found = _kind_at(sentence, organise.end() if organise else 0)
    if found is None:
        return None
    kind, _ = found
    dates = find_dates(sentence)
    return EventSentence(
        text=sentence,
        kind=kind,
        organizer=_organiser(sentence, organise) if organise else None,
        date=dates[0] if dates else None,
        today=bool(_TODAY.search(sentence)),
    )


_EVENT_SOON = re.compile(
    r"\s+(?:[^\s,.;]+\s+){0,3}?(?:" + "|".join(KINDS.values()) + r")\b", re.IGNORECASE
)


def _starts_event(sentence: str, position: int) -> bool:
    """Whether an event's noun follows "tổ chức" within three words."""
    return _EVENT_SOON.match(sentence, position) is not None


def find_event(paragraphs: list[list[str]], title: str | None) -> EventSentence | None:
    """The event of an article given as paragraphs of sentences, and its headline."""
    opening = paragraphs[:_OPENING_PARAGRAPHS]
    for sentences in opening:
        for sentence in sentences:
            if any(_starts_event(sentence, m.end()) for m in _ORGANISE.finditer(sentence)):
                return _event_in(sentence)
    for sentences in opening:
        for sentence in sentences:
            event = _event_in(sentence)
            if event is not None:
                return event
    return _event_in(title) if title else None
