from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from danvan.accounts.api import TokenObtainView
from danvan.activities.api import (
    ConferenceViewSet,
    DialogueViewSet,
    DocumentViewSet,
    InspectionViewSet,
    WorkTaskViewSet,
)
from danvan.awards.api import AwardViewSet, BatchViewSet, PersonViewSet
from danvan.news.api import ArticleViewSet
from danvan.organisation.api import LineageEventViewSet, UnitViewSet
from danvan.registry.api import EntryViewSet
from danvan.voice.api import HotspotAlertViewSet, MoodReportViewSet, PetitionViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("lineage-events", LineageEventViewSet, basename="lineage-event")
router.register("registry/entries", EntryViewSet, basename="entry")
router.register("awards/people", PersonViewSet, basename="person")
router.register("awards/awards", AwardViewSet, basename="award")
router.register("awards/batches", BatchViewSet, basename="batch")
router.register("activities/conferences", ConferenceViewSet, basename="conference")
router.register("activities/documents", DocumentViewSet, basename="document")
router.register("activities/inspections", InspectionViewSet, basename="inspection")
router.register("activities/dialogues", DialogueViewSet, basename="dialogue")
router.register("activities/tasks", WorkTaskViewSet, basename="task")
router.register("news/articles", ArticleViewSet, basename="article")
router.register("voice/petitions", PetitionViewSet, basename="petition")
router.register("voice/mood-reports", MoodReportViewSet, basename="mood-report")
router.register("voice/hotspots", HotspotAlertViewSet, basename="hotspot-alert")

urlpatterns = [
    path("", include("danvan.web.urls")),
    path("units/", include("danvan.organisation.urls")),
    path("registry/", include("danvan.registry.urls")),
    path("activities/", include("danvan.activities.urls")),
    path("figures/", include("danvan.indicators.urls")),
    path("awards/", include("danvan.awards.urls")),
    path("voice/", include("danvan.voice.urls")),
    path("reports/", include("danvan.reports.urls")),
    path("news/", include("danvan.news.urls")),
    path("accounts/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its script as a file, which the content security policy allows.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="web/swagger_ui.html"
        ),
        name="api-docs",
    ),
]
