"""The annual report, written from the figures in the Party's document layout."""

from danvan.capability.declaration import Capability
from danvan.reports.urls import urlpatterns

capability = Capability(app="reports", path="reports/", urls=urlpatterns)
