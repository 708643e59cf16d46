"""The site: the shell and the accounts' pages, then every declared capability's pages under
its path and its viewsets under /api/ (danvan.capability.declaration)."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from danvan.accounts.api import TokenObtainView
from danvan.capability.declaration import capabilities

router = DefaultRouter()
for capability in capabilities():
    for records in capability.records:
        if records.api and records.viewset is not None:
            basename = records.model._meta.model_name
            router.register(records.api, records.viewset, basename=basename)

urlpatterns = [
    path("", include("danvan.web.urls")),
    *[
        path(capability.path, include((list(capability.urls), capability.app)))
        for capability in capabilities()
    ],
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
