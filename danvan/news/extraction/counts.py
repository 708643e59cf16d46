"""Awards handed out and the other counts an article reports (its statistics).

Both read a sentence clause by clause (";" separates clauses). A clause that names an award
("Kỷ niệm chương", "Bằng khen", …) and a handing verb ("trao", "tặng", "nhận") is an award
clause: its "N cá nhân" / "N tập thể" are the award's recipients. Every other number followed
by a noun is a statistic, unless it is a date, a time, a year, a period, an age, an ordinal
("đợt 2", "lần thứ 3"), a percentage or part of a document's code.
"""

import re
from dataclasses import dataclass

from danvan.news.extraction.dates import RANGE, TIME, YEAR_RANGE, find_dates
from danvan.news.extraction.facts import DOCUMENT
from danvan.news.extraction.numbers import DIGITS, NUMBER, WORDS, parse_number
from danvan.news.extraction.people import name_at

AWARDS = {
    "ky_niem_chuong": r"kỷ niệm chương",
    "bang_khen": r"bằng khen",
    "giay_khen": r"giấy khen",
    "huan_chuong": r"huân chương",
    "co_thi_dua": r"cờ thi đua",
    "other": r"huy chương|danh hiệu|giấy chứng nhận",
}
_AWARD = re.compile(
    "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in AWARDS.items()), re.IGNORECASE
)
_HANDING = re.compile(r"\b(?:tặng|trao|nhận|khen thưởng|đón)\b", re.IGNORECASE)
INDIVIDUAL = r"cá nhân|đồng chí|cán bộ|đảng viên|người|hội viên|công chức|đoàn viên|gương"
COLLECTIVE = r"tập thể|đơn vị|cơ quan|chi bộ|đảng bộ|tổ chức"
_RECIPIENTS = re.compile(
    rf"(?P<number>{DIGITS}|{WORDS})\s+(?:(?P<both>(?:{COLLECTIVE}|{INDIVIDUAL})\s*(?:,|và)\s*"
    rf"(?:{COLLECTIVE}|{INDIVIDUAL}))|(?P<ca_nhan>{INDIVIDUAL})|(?P<tap_the>{COLLECTIVE}))\b",
    re.IGNORECASE,
)
_KIND_WORDS = re.compile(rf"\bcác\s+(?:(?P<ca_nhan>{INDIVIDUAL})|(?P<tap_the>{COLLECTIVE}))\b")
_ORGANISATION = re.compile(
    r"(?:Ban|Ủy ban|UBND|HĐND|Hội|Đảng bộ|Đảng ủy|Chi bộ|Tỉnh ủy|Thành ủy|Huyện ủy|Mặt trận|"
    r"MTTQ|Liên đoàn|Đoàn|Công an|Sở|Phòng|Văn phòng|Khối|Cơ quan|Báo|Đài|Trung tâm|Trường|"
    r"tập thể)\b"
)
_PERSON_CUE = re.compile(r"(?:đồng chí|ông|bà)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Award:
    award: str
    recipient: str | None  # "ca_nhan", "tap_the"
    count: int | None


@dataclass(frozen=True)
class Statistic:
    value: int | float
    noun: str


def clauses(sentence: str) -> list[str]:
    return [part for part in sentence.split(";") if part.strip()]


def _award_mentions(clause: str) -> list[tuple[int, str]]:
    if not _HANDING.search(clause):
        return []
    return [(m.start(), m.lastgroup or "other") for m in _AWARD.finditer(clause)]


def _single_recipient(clause: str, position: int) -> tuple[str | None, int | None]:
    """Who receives an award that the clause gives no count for: one named person or body
    (count 1), "các cá nhân" (count unknown), or nobody said."""
    after = clause[position:]
    given_to = re.search(r"\bcho\s+", after)
    if given_to:
        target = after[given_to.end() :]
        if _PERSON_CUE.match(target) or name_at(target, 0):
            return "ca_nhan", 1
        if _ORGANISATION.match(target):
            return "tap_the", 1
    subject = re.search(
        r"^(?:[^,]*,\s*)?(?P<subject>.+?)\s+(?:đã\s+)?(?:vinh dự\s+)?được\b", clause
    )
    if subject and subject.end() <= position:
        who = subject.group("subject").strip()
        if _PERSON_CUE.match(who) or name_at(who, 0):
            return "ca_nhan", 1
        if _ORGANISATION.match(who):
            return "tap_the", 1
    kind = _KIND_WORDS.search(clause)
    if kind:
        return kind.lastgroup, None
    return None, None


def find_awards(sentences: list[str]) -> list[Award]:
    """Each award handed out or announced; one without a count is kept only when the article
    gives no counted award of the same kind (a caption repeating the body)."""
    awards: list[Award] = []
    for sentence in sentences:
        for clause in clauses(sentence):
            mentions = _award_mentions(clause)
            if not mentions:
                continue
            counted: set[int] = set()
            for match in _RECIPIENTS.finditer(clause):
                before = [m for m in mentions if m[0] < match.start()]
                position, kind = before[-1] if before else mentions[0]
                counted.add(position)
                recipient = None if match.group("both") else match.lastgroup
                awards.append(Award(kind, recipient, int(parse_number(match.group("number")) or 0)))
            for position, kind in mentions:
                if position not in counted:
                    recipient, count = _single_recipient(clause, position)
                    awards.append(Award(kind, recipient, count))
    with_counts = {award.award for award in awards if award.count is not None}
    unique: list[Award] = []
    for award in awards:
        if award.count is None and award.award in with_counts:
            continue
        if award not in unique:
            unique.append(award)
    return unique


# --- Statistics ---------------------------------------------------------------------------

# A number right after one of these words is a label or an ordinal, not a count.
_LABELS = {
    "năm", "ngày", "tháng", "quý", "đợt", "lần", "thứ", "số", "khóa", "kỳ", "điều", "khoản",
    "mục", "hạng", "đoạn", "phiên", "cả", "top", "mã", "tuổi", "lớp", "tập", "trang",
}  # fmt: skip
# A number before one of these words is a time, an age or a share.
_UNITS = {"năm", "tháng", "ngày", "tuần", "giờ", "phút", "giây", "quý", "tuổi", "cấp", "lần"}
_NOUN_STOPS = {
    "cho", "để", "nhằm", "với", "tại", "trên", "được", "đã", "là", "thuộc", "ở", "đến", "có",
    "từ", "trong", "của", "nhưng", "mà", "gồm", "đạt", "chiếm", "tăng", "giảm", "so", "nên",
}  # fmt: skip
_MASKS = [
    RANGE,
    YEAR_RANGE,
    TIME,
    DOCUMENT,
    re.compile(r"\d+(?:[.,]\d+)*\s*%"),
    re.compile(r"(?<=[^\W\d_])-\d+"),  # "COVID-19"
]
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"“[^”]*”|\"[^\"]*\"|[\w]+|[^\w\s]")
_MAX_NOUN_WORDS = 10


def _masked(sentence: str) -> str:
    if not _DIGIT.search(sentence):
        return sentence
    spans = [(m.start(), m.end()) for pattern in _MASKS for m in pattern.finditer(sentence)]
    spans += [(d.start, d.end) for d in find_dates(sentence)]
    for start, end in spans:
        sentence = sentence[:start] + "#" * (end - start) + sentence[end:]
    return sentence


def _noun_after(text: str, position: int) -> str:
    """The thing counted: the words after the number, through commas, up to a stop."""
    words: list[str] = []
    for token in _TOKEN.finditer(text, position):
        word = token.group()
        if word != "," and not (word[0].isalpha() or word[0] in '“"'):
            break
        if word.lower() in _NOUN_STOPS or len(words) >= _MAX_NOUN_WORDS:
            break
        words.append(word)
    return " ".join(words).replace(" ,", ",").strip(" ,")


def _is_award_count(clause: str, start: int) -> bool:
    match = _RECIPIENTS.match(clause, start)
    return match is not None and bool(_award_mentions(clause))


def find_statistics(sentences: list[str]) -> list[Statistic]:
    found: list[Statistic] = []
    for sentence in sentences:
        for clause in clauses(_masked(sentence)):
            for match in NUMBER.finditer(clause):
                number = match.group()
                is_words = not number[0].isdigit()
                if is_words and (not number.islower() or number in ("một", "năm")):
                    continue
                previous = clause[: match.start()].split()
                label = previous[-1].lower().strip('(“"') if previous else ""
                if label in _LABELS and previous[-2:] != ["tổng", "số"]:
                    continue
                if previous and previous[-1][0].isupper() and len(previous) > 1 and not is_words:
                    continue  # "Quyết định 1207", "Kế hoạch 12": a document's number
                noun = _noun_after(clause, match.end())
                if not noun or (not noun[0].islower() and noun[0] not in '“"'):
                    continue
                if noun.split()[0].lower() in _UNITS or _is_award_count(clause, match.start()):
                    continue
                value = parse_number(number)
                if value is not None:
                    found.append(Statistic(value, noun))
    return found
