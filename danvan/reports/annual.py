"""The annual report on mass-mobilization work (báo cáo công tác dân vận năm): its figures,
read through the one roll-up, and its narrative, written the way real reports are."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from danvan.capability.declaration import capabilities
from danvan.common.numbers import format_number
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.indicators.selectors import figures, structure_children
from danvan.units.models import Unit

COMMISSIONS_MERGED = dt.date(2025, 3, 1)  # Ban Dân vận + Ban Tuyên giáo in the provinces
_COMMITTEE_SUFFIX = re.compile(r"\s+(Tỉnh ủy|Thành ủy|Đảng ủy|Huyện ủy|Quận ủy|Thị ủy)\b.*$")


@dataclass
class Section:
    heading: str
    paragraphs: list[str]


@dataclass
class AnnualReport:
    unit: Unit
    year: int
    issued_on: dt.date
    committee: str  # "TỈNH ỦY HÀ TĨNH"
    commission: str  # "BAN DÂN VẬN"
    issuer_code: str  # "BDVTU": the commission in document numbers ("-BC/BDVTU")
    signature: list[str]  # who signs: ["TRƯỞNG BAN"], or ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    place: str  # "Hà Tĩnh"
    title: str
    sections: list[Section]
    indicators: list[Indicator]
    totals: dict[str, int]
    previous: dict[str, int]
    children: list[Unit] = field(default_factory=list)
    by_child: dict[tuple[str, int], int] = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)

    def value(self, code: str) -> int:
        return self.totals.get(code, 0)

    @property
    def number_line(self) -> str:
        """ "Số      -BC/BDVTU": the number is left blank for the office that registers it."""
        return _("No.      -BC/%(issuer)s") % {"issuer": self.issuer_code}

    @property
    def date_line(self) -> str:
        day = self.issued_on
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": self.place,
            "day": f"{day.day:02d}",
            "month": f"{day.month:02d}",
            "year": day.year,
        }

    @property
    def unit_rows(self) -> list[tuple[str, dict[str, int]]]:
        """Each unit below with its figures, after what was recorded at this level directly
        (the records of the unit itself and of units below it that no longer have a place
        in today's structure), so that the rows add up to the totals."""
        rows = [
            (
                child.name,
                {i.code: self.by_child.get((i.code, child.pk), 0) for i in self.indicators},
            )
            for child in self.children
        ]
        direct = {
            i.code: self.value(i.code) - sum(values[i.code] for _name, values in rows)
            for i in self.indicators
        }
        if any(direct.values()):
            rows.insert(0, (_("At this level directly"), direct))
        return rows


def over(value: int) -> str:
    """ "hơn 6.800" for 6,842, "hơn 180" for 185: how reports round the figures they do not
    count exactly (down, to two significant digits)."""
    if value < 100:
        return format_number(value)
    step = 10 ** (len(str(value)) - 2)
    rounded = value // step * step
    if rounded == value:
        return format_number(value)
    return _("over %(number)s") % {"number": format_number(rounded)}


def place_name(unit: Unit) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def committee_name(unit: Unit) -> str:
    """The Party committee that issues the report, as written at the top left."""
    place = place_name(unit)
    if unit.level.code == "province":
        word = "Thành ủy" if unit.name.startswith("Thành phố") else "Tỉnh ủy"
        return f"{word} {place}".upper()
    if unit.level.code == "central":
        return "BAN CHẤP HÀNH TRUNG ƯƠNG"
    if unit.parent is not None and unit.parent.level.code == "province":
        return f"Đảng bộ {unit.parent.name}".upper()  # a commune: its province's Party
    return f"Đảng ủy {unit.name}".upper()


def commission_name(unit: Unit, on: dt.date) -> str:
    """The mass-mobilization commission under the committee, as it was named on the day
    (before 2025 the Ban Dân vận; its line counts under `unit` today). A commune has none:
    its Party committee issues the report."""
    if unit.level.code == "commune":
        return f"Đảng ủy {unit.name}".upper()
    commissions = (
        Unit.objects.valid_on(on)
        .filter(current_path__startswith=unit.path, name__icontains="Dân vận")
        .filter(depth=unit.depth + 1)
    )
    for child in commissions:
        return _COMMITTEE_SUFFIX.sub("", child.name).upper()
    return "BAN DÂN VẬN"


def issuer_code(unit: Unit, on: dt.date) -> str:
    """How the issuer signs document numbers: BDVTU (Ban Dân vận Tỉnh ủy), BTGDVTU since
    the 2025 merger with the propaganda commission, TW at the centre; ĐU, a commune's Party
    committee."""
    if unit.level.code == "commune":
        return "ĐU"
    commission = "BDV" if on < COMMISSIONS_MERGED else "BTGDV"
    committee = {"central": "TW", "province": "TU"}.get(unit.level.code, "ĐU")
    return commission + committee


def _compare(now: int, before: int) -> str:
    if not before or now == before:
        return ""
    change = round(100 * (now - before) / before)
    if change > 0:
        return " " + _("(up %(change)s%% on the year before)") % {"change": change}
    return " " + _("(down %(change)s%% on the year before)") % {"change": -change}


def annual_report(unit: Unit, year: int, *, issued_on: dt.date | None = None) -> AnnualReport:
    """Everything the annual report of `unit` for `year` says (today's structure)."""
    indicators = list(Indicator.objects.all())
    period = Period.year(year)
    totals = {code: v for (code, _pk), v in figures(indicators, [unit], period).items()}
    previous = {
        code: v for (code, _pk), v in figures(indicators, [unit], period.shifted_years(-1)).items()
    }
    children = list(structure_children(unit))
    by_child = figures(indicators, children, period) if children else {}
    issued_on = issued_on or dt.date(year, 12, 15)
    report = AnnualReport(
        unit=unit,
        year=year,
        issued_on=issued_on,
        committee=committee_name(unit),
        commission=commission_name(unit, issued_on),
        issuer_code=issuer_code(unit, issued_on),
        signature=(
            [_("On behalf of the Party committee").upper(), _("Secretary").upper()]
            if unit.level.code == "commune"
            else [_("HEAD").upper()]
        ),
        place=place_name(unit),
        title=_("Results of mass-mobilization work in %(year)s and tasks for %(next)s")
        % {"year": year, "next": year + 1},
        sections=[],
        indicators=indicators,
        totals=totals,
        previous=previous,
        children=children,
        by_child=by_child,
        recipients=[
            _("The Central Mass Mobilization Commission (to report),")
            if year < 2025
            else _("The Central Propaganda and Mass Mobilization Commission (to report),"),
            _("The Standing Board of the Party committee (to report),"),
            _("Units below (to know),"),
            _("Filed."),
        ],
    )
    report.sections = _narrative(report)
    return report


def _narrative(r: AnnualReport) -> list[Section]:
    v, n = r.value, format_number
    scope = _("the whole province") if r.unit.level.code == "province" else r.unit.name
    structure = _(
        "In %(year)s, %(scope)s has %(entries)s “Dân vận khéo” models and exemplars "
        "(%(models)s models, %(exemplars)s exemplars); %(blocks)s grassroots mass-mobilization "
        "blocks and %(teams)s village mass-mobilization teams."
    ) % {
        "year": r.year,
        "scope": scope,
        "entries": n(v("dvk-entries")),
        "models": n(v("dvk-models")),
        "exemplars": n(v("dvk-exemplars")),
        "blocks": n(v("blocks")),
        "teams": n(v("village-teams")),
    }
    leadership = _(
        "Party committees and organisations at all levels held %(conferences)s propaganda and "
        "training conferences on mass-mobilization work for %(persons)s participants%(change)s; "
        "issued %(documents)s documents to lead and direct the work; and carried out "
        "%(inspections)s inspections and supervisions of %(inspected)s Party organisations and "
        "members."
    ) % {
        "conferences": n(v("conferences")),
        "persons": n(v("conference-persons")),
        "change": _compare(v("conferences"), r.previous.get("conferences", 0)),
        "documents": n(v("documents-lead")),
        "inspections": n(v("inspections")),
        "inspected": n(v("inspected")),
    }
    sector = _(
        "The mass-mobilization sector held %(trainings)s training conferences on "
        "mass-mobilization work for %(persons)s people, and issued %(guides)s documents guiding "
        "and urging the system at all levels."
    ) % {
        "trainings": n(v("sector-trainings")),
        "persons": over(v("sector-training-persons")),
        "guides": over(v("documents-guide")),
    }
    paragraphs_one = [structure, leadership, sector]
    if v("dialogues"):
        share = (
            round(100 * v("opinions-answered") / v("opinions-raised"))
            if v("opinions-raised")
            else 0
        )
        paragraphs_one.append(
            _(
                "Leaders of Party committees and authorities held %(dialogues)s dialogues with "
                "citizens (%(periodic)s periodic), with %(participants)s attendances; of "
                "%(raised)s opinions raised, %(answered)s (%(share)s%%) were answered on the spot."
            )
            % {
                "dialogues": n(v("dialogues")),
                "periodic": n(v("dialogues-periodic")),
                "participants": n(v("dialogue-participants")),
                "raised": n(v("opinions-raised")),
                "answered": n(v("opinions-answered")),
                "share": share,
            }
        )
    if v("merit-collectives") or v("merit-individuals"):
        paragraphs_one.append(
            _(
                "For their achievements in mass-mobilization work, %(collectives)s collectives "
                "and %(individuals)s individuals were given certificates of merit."
            )
            % {"collectives": n(v("merit-collectives")), "individuals": n(v("merit-individuals"))}
        )
    if v("medals"):
        paragraphs_one.append(
            _("%(medals)s people received the medal “For the cause of mass mobilization”.")
            % {"medals": n(v("medals"))}
        )
    if v("tasks"):
        paragraphs_one.append(
            _("%(tasks)s key tasks were assigned in the work plans and %(done)s were completed.")
            % {"tasks": n(v("tasks")), "done": n(v("tasks-done"))}
        )
    for capability in capabilities():
        if capability.annual is not None:
            paragraphs_one += capability.annual(r.unit, r.year, r.totals)
    ranked = sorted(
        r.children, key=lambda child: r.by_child.get(("conferences", child.pk), 0), reverse=True
    )
    units_paragraph = []
    if ranked and r.by_child.get(("conferences", ranked[0].pk)):
        leaders = ", ".join(
            child.name for child in ranked[:3] if r.by_child.get(("conferences", child.pk))
        )
        units_paragraph.append(
            _("Units that held the most conferences: %(units)s.") % {"units": leaders}
        )
    return [
        Section(
            _("I. RESULTS OF MASS-MOBILIZATION WORK IN %(year)s") % {"year": r.year},
            [
                *paragraphs_one,
                *units_paragraph,
                _(
                    "The content and methods of mass-mobilization work keep changing towards "
                    "“clear people, clear tasks, clear responsibility, clear methods, clear "
                    "results”."
                ),
            ],
        ),
        Section(
            _("II. TASKS FOR %(year)s") % {"year": r.year + 1},
            [
                _(
                    "Keep leading the thorough implementation of the Party's resolutions and "
                    "directives on mass-mobilization work; grasp the people's situation and mood; "
                    "deal promptly with hot spots and legitimate petitions."
                ),
                _(
                    "Keep the emulation movement “Dân vận khéo” going, recognise and replicate "
                    "outstanding models; train the cadres of the sector and of the village teams."
                ),
            ],
        ),
    ]
