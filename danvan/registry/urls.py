from django.urls import path

from danvan.registry import views

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create_view, name="create"),
    path("export/", views.entry_export, name="export"),
    path("statistics/", views.statistics, name="statistics"),
    path("transition/", views.entries_bulk_transition, name="bulk_transition"),
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/transition/", views.entry_transition_view, name="transition"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_file"),
]
