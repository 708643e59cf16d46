"""Figures: indicators, their roll-up through the hierarchy, periodic reports, the dashboard."""

from django.utils.translation import gettext_lazy as _

from danvan.capability.declaration import Capability, MenuItem
from danvan.indicators.selectors import work_pending
from danvan.indicators.urls import urlpatterns

capability = Capability(
    app="indicators",
    pending=work_pending,
    path="figures/",
    urls=urlpatterns,
    menu=MenuItem(_("Figures and reports"), "indicators:dashboard", order=50),
)
