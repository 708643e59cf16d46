from django.urls import path

from danvan.reports import views

urlpatterns = [path("annual/", views.annual, name="annual")]
