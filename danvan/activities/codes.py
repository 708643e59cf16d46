"""Document codes: "32-CT/TU" (Party: number-type/issuer), "1207/QĐ-UBND" (State)."""

import re
from dataclasses import dataclass

from danvan.common.text import normalize

PARTY_TYPES = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "CV": "Công văn",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
}
_PARTY = re.compile(r"^(?P<number>\d+)-(?P<type>[A-Za-zĐđ]+)/(?P<issuer>[\w.-]+)$")
_STATE = re.compile(
    r"^(?P<number>\d+)/(?:(?P<year>\d{4})/)?(?:(?P<type>[A-Za-zĐđ]+)-)?(?P<issuer>[\w.-]+)$"
)


@dataclass(frozen=True)
class DocumentCode:
    number: int
    type: str  # NQ, CT, ... ("" when the code has none, as in "202/2025/QH15")
    issuer: str


def parse_code(text: str) -> DocumentCode:
    """The parts of a document code; ValueError when it is not one."""
    code = normalize(text).replace(" ", "")
    match = _PARTY.match(code) or _STATE.match(code)
    if match is None:
        raise ValueError(text)
    kind = match.group("type") or ""
    known = {key.upper(): key for key in PARTY_TYPES}
    return DocumentCode(
        number=int(match.group("number")),
        type=known.get(kind.upper(), kind.upper()),
        issuer=match.group("issuer").upper(),
    )
