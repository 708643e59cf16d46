"""Units as officers see and manage them: the tree, each unit's history, the API."""

from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import units_visible
from danvan.capability.declaration import Capability, MenuItem, Records
from danvan.organisation.api import LineageEventViewSet, UnitViewSet
from danvan.organisation.urls import urlpatterns
from danvan.units.models import LineageEvent, Unit

capability = Capability(
    app="organisation",
    path="units/",
    urls=urlpatterns,
    menu=MenuItem(_("Units"), "organisation:browse", order=10),
    records=[
        Records(Unit, visible=units_visible, scope="", api="units", viewset=UnitViewSet),
        # Not owned by a unit: each answer keeps only the links between visible units.
        Records(
            LineageEvent,
            visible=None,
            scope=None,
            api="lineage-events",
            viewset=LineageEventViewSet,
            unit_fields=frozenset({"predecessor", "successor"}),
        ),
    ],
)
