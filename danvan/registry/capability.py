"""The "Dân vận khéo" registry: models and exemplars with their life cycle and evidence."""

from django.utils.translation import gettext_lazy as _

from danvan.capability.declaration import Capability, MenuItem, Records
from danvan.registry import demo
from danvan.registry.api import EntryViewSet
from danvan.registry.models import Entry
from danvan.registry.selectors import entries_visible, work_pending
from danvan.registry.urls import urlpatterns

capability = Capability(
    app="registry",
    pending=work_pending,
    demo=demo.demo_build,
    demo_order=10,
    path="registry/",
    urls=urlpatterns,
    menu=MenuItem(_("“Dân vận khéo”"), "registry:list", order=20),
    records=[
        Records(
            Entry,
            visible=entries_visible,
            api="registry/entries",
            viewset=EntryViewSet,
            links={"copies": (Entry, "pk")},
        )
    ],
)
