"""Reads of the citizens' voice, always through the user's scope.

A citizen's contact is shown only to those who handle the petition (`can_handle`): never
in a list, never on the public page, never through the API.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, home_units, scoped, units_visible, user_can
from danvan.activities.models import Dialogue
from danvan.activities.selectors import activities_visible, activities_within
from danvan.capability.declaration import Pending
from danvan.common.text import query_words
from danvan.units.models import Unit
from danvan.voice.hotspots import week_of
from danvan.voice.models import (
    OPEN_STATES,
    AlertLevel,
    AlertStatus,
    HotspotAlert,
    MoodReport,
    Notice,
    Petition,
    State,
)


def petitions_visible(user: AnyUser) -> QuerySet[Petition]:
    return scoped(user, Petition.objects.all(), unit_field="unit").select_related(
        "unit", "commune", "topic", "escalated_to"
    )


def petition_get(user: AnyUser, *, pk: int) -> Petition:
    petition = petitions_visible(user).filter(pk=pk).first()
    if petition is None:
        raise Http404
    return petition


def petitions_matching(queryset: QuerySet[Petition], text: str) -> QuerySet[Petition]:
    """Petitions with a word of their subject or code starting with each word of `text`,
    diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def can_handle(user: AnyUser, petition: Petition) -> bool:
    """Whether the user handles the petition: an editor or more over its responsible unit."""
    return user_can(user, Role.EDITOR, petition.unit)


def overdue_q(now: dt.datetime) -> Q:
    return Q(state=State.RECEIVED, acknowledge_due__lt=now) | Q(
        state__in=[State.ACKNOWLEDGED, State.IN_PROGRESS], handle_due__lt=now
    )


def petitions_overdue(
    queryset: QuerySet[Petition], now: dt.datetime | None = None
) -> QuerySet[Petition]:
    return queryset.filter(overdue_q(now or timezone.now()))


CODE_SHAPE = re.compile(r"^KN([A-Z0-9]{5})([A-Z0-9]{5})$")


def petition_by_code(code: str) -> Petition | None:
    """The petition a tracking code names, however it was typed (spaces, dashes, case)."""
    compact = re.sub(r"[^A-Z0-9]", "", code.upper())
    match = CODE_SHAPE.match(compact)
    if match is None:
        return None
    return (
        Petition.objects.select_related("topic", "commune")
        .filter(code=f"KN-{match.group(1)}-{match.group(2)}")
        .first()
    )


def handler_units(user: AnyUser) -> QuerySet[Unit]:
    """Units in force the user handles petitions for (villages report through their commune)."""
    return scoped(user, Unit.objects.current(), unit_field="", minimum=Role.EDITOR).exclude(
        level__code="village"
    )


def communes_visible(user: AnyUser) -> QuerySet[Unit]:
    """Communes in force the user may see (not the grassroots blocks of the same level)."""
    return (
        units_visible(user)
        .filter(level__code="commune", valid_until__isnull=True)
        .exclude(kind__code="block")
    )


# The dialogues a petition may come from, read through activities' selectors: this module is
# the only one of voice that names activities' model.
def dialogues_visible(user: AnyUser) -> QuerySet[Dialogue]:
    """Dialogues the user may see."""
    return activities_visible(user, Dialogue)


def dialogues_within(unit: Unit) -> QuerySet[Dialogue]:
    """Every dialogue of `unit` and below (for danvan itself: the demo)."""
    return activities_within(Dialogue._default_manager.all(), unit)


def reporting_units(user: AnyUser) -> QuerySet[Unit]:
    """Communes and village teams in force the user may report the people's mood for."""
    return (
        scoped(user, Unit.objects.current(), unit_field="", minimum=Role.EDITOR)
        .filter(level__code__in=["commune", "village"])
        .exclude(kind__code="block")
    )


def notices_for(user: AnyUser) -> QuerySet[Notice]:
    return scoped(user, Notice.objects.all(), unit_field="unit").select_related("petition", "unit")


@dataclass
class Dashboard:
    by_state: list[tuple[str, int]]
    overdue: QuerySet[Petition]
    escalated: QuerySet[Petition]
    notices: QuerySet[Notice]
    alerts: QuerySet[HotspotAlert]


def dashboard(user: AnyUser) -> Dashboard:
    petitions = petitions_visible(user)
    counts = dict(petitions.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return Dashboard(
        by_state=[(str(state.label), counts.get(state, 0)) for state in State],
        overdue=petitions_overdue(petitions).order_by("handle_due")[:50],
        escalated=petitions.filter(state__in=OPEN_STATES, escalation_level__gt=0).order_by(
            "-escalated_at"
        )[:50],
        notices=notices_for(user)[:30],
        alerts=alerts_visible(user).exclude(status=AlertStatus.RESOLVED)[:20],
    )


def mood_reports_visible(user: AnyUser) -> QuerySet[MoodReport]:
    return scoped(user, MoodReport.objects.all(), unit_field="unit").select_related(
        "unit", "commune", "topic"
    )


def alerts_visible(user: AnyUser) -> QuerySet[HotspotAlert]:
    return scoped(user, HotspotAlert.objects.all(), unit_field="commune").select_related(
        "commune", "topic", "province", "assignee"
    )


def alerts_listed(user: AnyUser) -> QuerySet[HotspotAlert]:
    """Visible alerts, each with only the communes, petitions and mood reports the user may
    see: a cluster of neighbouring communes can reach beyond the user's scope."""
    return alerts_visible(user).prefetch_related(
        Prefetch("communes", queryset=units_visible(user)),
        Prefetch("petitions", queryset=petitions_visible(user)),
        Prefetch("mood_reports", queryset=mood_reports_visible(user)),
    )


def alert_get(user: AnyUser, *, pk: int) -> HotspotAlert:
    alert = alerts_visible(user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    return alert


def provinces_visible(user: AnyUser) -> QuerySet[Unit]:
    """Provinces in force the user sees whole, or where the user's own units lie."""
    above = {pk for unit in home_units(user) for pk in unit.ancestor_ids}
    visible = units_visible(user).values_list("pk", flat=True)
    return (
        Unit.objects.current()
        .filter(Q(pk__in=above) | Q(pk__in=visible), level__code="province")
        .exclude(kind__code="commission")  # a province's commission sits at its level
        .order_by("code")
    )


LEVEL_COLOURS = {"": "#adb5bd", AlertLevel.WATCH: "#f0ad4e", AlertLevel.ALARM: "#a4161a"}


@dataclass
class MapPlace:
    commune: Unit
    level: str  # "" when no alert
    alerts: int


def province_places(user: AnyUser, *, province: Unit, weeks: int = 4) -> list[MapPlace]:
    """Each visible commune of the province with coordinates, and its highest alert level
    among the unresolved alerts of the last `weeks` weeks."""
    since = week_of(timezone.localdate()) - dt.timedelta(days=7 * weeks)
    communes = communes_visible(user).filter(path__startswith=province.path, latitude__isnull=False)
    alerts = (
        alerts_visible(user)
        .filter(province=province, week_start__gte=since)
        .exclude(status=AlertStatus.RESOLVED)
        .values_list("communes", "level")
    )
    levels: dict[int, list[str]] = {}
    for commune_id, level in alerts:
        levels.setdefault(commune_id, []).append(level)
    places = []
    for commune in communes.order_by("code"):
        found = levels.get(commune.pk, [])
        level = AlertLevel.ALARM if AlertLevel.ALARM in found else (found[0] if found else "")
        places.append(MapPlace(commune=commune, level=level, alerts=len(found)))
    return places


def work_pending(user: AnyUser) -> list[Pending]:
    """For the home page: the petitions the user handles that are overdue or due within a
    day, and the hot-spot alerts still open."""
    now = timezone.now()
    handled = scoped(user, Petition.objects.filter(state__in=OPEN_STATES), minimum=Role.EDITOR)
    overdue = petitions_overdue(handled, now).count()
    soon = now + dt.timedelta(days=1)
    due = handled.filter(
        Q(state=State.RECEIVED, acknowledge_due__lte=soon)
        | Q(state__in=[State.ACKNOWLEDGED, State.IN_PROGRESS], handle_due__lte=soon)
    ).count()
    alerts = alerts_visible(user).exclude(status=AlertStatus.RESOLVED).count()
    return [
        Pending(
            _("Petitions overdue or due within a day"),
            due,
            f"{reverse('voice:list')}?overdue=true",
            late=overdue,
        ),
        Pending(_("Open hot-spot alerts"), alerts, reverse("voice:hotspots")),
    ]
