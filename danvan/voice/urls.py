from django.urls import path

from danvan.voice import views

urlpatterns = [
    path("", views.home, name="home"),
    path("petitions/", views.petition_list, name="list"),
    path("petitions/new/", views.petition_create, name="create"),
    path("petitions/<int:pk>/", views.petition_detail, name="detail"),
    path("petitions/<int:pk>/receipt/", views.petition_receipt, name="receipt"),
    path("petitions/<int:pk>/files/<int:file_pk>/", views.petition_file_download, name="file"),
    path("petitions/<int:pk>/<slug:action>/", views.petition_step, name="step"),
    path("track/", views.track, name="track"),
    path("track/rate/", views.track_rate, name="rate"),
    path("mood/", views.mood_list, name="mood"),
    path("mood/new/", views.mood_create, name="mood_create"),
    path("hotspots/", views.hotspots, name="hotspots"),
    path("hotspots/<int:pk>/", views.alert_detail, name="alert"),
    path("hotspots/<int:pk>/<slug:action>/", views.alert_step, name="alert_step"),
]
