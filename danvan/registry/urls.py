from django.urls import path

from danvan.registry import views

urlpatterns = [
    path("", views.EntryList.as_view(), name="list"),
    path("new/", views.EntryCreate.as_view(), name="create"),
    path("export/", views.EntryExport.as_view(), name="export"),
    path("statistics/", views.EntryStatistics.as_view(), name="statistics"),
    path("transition/", views.EntryBulkTransition.as_view(), name="bulk_transition"),
    path("import/", views.EntryImport.as_view(), name="import"),
    path("import/template/", views.ImportTemplate.as_view(), name="import_template"),
    path("import/confirm/", views.EntryImportConfirm.as_view(), name="import_confirm"),
    path("<int:pk>/", views.EntryPage.as_view(), name="detail"),
    path("<int:pk>/edit/", views.EntryEdit.as_view(), name="edit"),
    path("<int:pk>/transition/", views.EntryTransition.as_view(), name="transition"),
    path("<int:pk>/evidence/", views.EvidenceUpload.as_view(), name="evidence"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/", views.EvidenceFile.as_view(), name="evidence_file"
    ),
]
