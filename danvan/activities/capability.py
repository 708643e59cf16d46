"""Activities: conferences, documents issued, inspections, dialogues and work-plan tasks."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from danvan.activities import demo
from danvan.activities.api import (
    ActivityViewSet,
    ConferenceViewSet,
    DialogueViewSet,
    DocumentViewSet,
    InspectionViewSet,
    WorkTaskViewSet,
)
from danvan.activities.models import Activity, Conference, Dialogue, Document, Inspection, WorkTask
from danvan.activities.selectors import activities_visible
from danvan.activities.urls import urlpatterns
from danvan.capability.declaration import Capability, MenuItem, Records


def _records(model: type[Activity], slug: str, viewset: type[ActivityViewSet]) -> Records:
    visible = partial(activities_visible, model=model)
    return Records(model, visible=visible, api=f"activities/{slug}", viewset=viewset)


capability = Capability(
    app="activities",
    demo=demo.demo_build,
    demo_order=20,
    path="activities/",
    urls=urlpatterns,
    menu=MenuItem(_("Activities"), "activities:home", order=40),
    records=[
        _records(Conference, "conferences", ConferenceViewSet),
        _records(Document, "documents", DocumentViewSet),
        _records(Inspection, "inspections", InspectionViewSet),
        _records(Dialogue, "dialogues", DialogueViewSet),
        _records(WorkTask, "tasks", WorkTaskViewSet),
    ],
)
