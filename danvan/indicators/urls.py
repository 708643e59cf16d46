from django.urls import path

from danvan.indicators import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:unit_pk>/<str:period_key>/", views.report_detail, name="report"),
    path("reports/decide/<int:pk>/", views.report_decide, name="report_decide"),
]
