from django.urls import path

from danvan.organisation import views

urlpatterns = [
    path("", views.unit_browse, name="browse"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/children/", views.unit_children, name="children"),
]
