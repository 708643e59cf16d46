from django.urls import path, register_converter

from danvan.activities import views
from danvan.activities.services import KINDS


class KindConverter:
    """One of the five kinds' slugs; any other path is a 404 before a view runs."""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "activity_kind")

urlpatterns = [
    path("", views.home, name="home"),
    path("<activity_kind:kind>/", views.activity_list, name="list"),
    path("<activity_kind:kind>/new/", views.activity_create_view, name="create"),
    path("<activity_kind:kind>/export/", views.activity_export, name="export"),
    path("<activity_kind:kind>/<int:pk>/", views.activity_detail, name="detail"),
    path("<activity_kind:kind>/<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<activity_kind:kind>/<int:pk>/delete/", views.activity_delete_view, name="delete"),
]
