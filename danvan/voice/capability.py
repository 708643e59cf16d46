"""Citizens' voice: petitions with deadlines, the people's mood, hot spots found early."""

from django.utils.translation import gettext_lazy as _

from danvan.activities.models import Dialogue
from danvan.capability.declaration import Capability, MenuItem, Records
from danvan.voice import demo
from danvan.voice.api import HotspotAlertViewSet, MoodReportViewSet, PetitionViewSet
from danvan.voice.models import HotspotAlert, MoodReport, Petition
from danvan.voice.selectors import (
    alerts_listed,
    mood_reports_visible,
    petitions_visible,
    work_pending,
)
from danvan.voice.urls import urlpatterns

capability = Capability(
    app="voice",
    pending=work_pending,
    demo=demo.demo_build,
    demo_order=50,
    path="voice/",
    urls=urlpatterns,
    menu=MenuItem(_("Citizens' voice"), "voice:home", order=70),
    records=[
        Records(
            Petition,
            visible=petitions_visible,
            api="voice/petitions",
            viewset=PetitionViewSet,
            links={"dialogue": (Dialogue, "pk")},
            upward=frozenset({"escalated_to"}),
        ),
        Records(
            MoodReport,
            visible=mood_reports_visible,
            api="voice/mood-reports",
            viewset=MoodReportViewSet,
        ),
        Records(
            HotspotAlert,
            visible=alerts_listed,
            scope="commune",
            api="voice/hotspots",
            viewset=HotspotAlertViewSet,
            links={"petitions": (Petition, "pk"), "mood_reports": (MoodReport, "pk")},
            upward=frozenset({"province"}),
        ),
    ],
)
