from django.urls import path

from danvan.awards import views

urlpatterns = [
    path("", views.award_list, name="list"),
    path("export/", views.award_export, name="export"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.award_detail, name="award"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/duplicates/", views.duplicates, name="duplicates"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("eligible/", views.eligible, name="eligible"),
    path("eligible/propose/", views.batch_add_people, name="propose"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/template/", views.import_template, name="import_template"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/decision/<str:kind>/", views.decision_file, name="decision_file"),
    path("batches/<int:pk>/<str:action>/", views.batch_action, name="batch_action"),
]
