from django.urls import path

from danvan.voice import views

urlpatterns = [
    path("", views.Dashboard.as_view(), name="home"),
    path("petitions/", views.PetitionList.as_view(), name="list"),
    path("petitions/new/", views.PetitionCreate.as_view(), name="create"),
    path("petitions/<int:pk>/", views.PetitionPage.as_view(), name="detail"),
    path("petitions/<int:pk>/receipt/", views.PetitionReceipt.as_view(), name="receipt"),
    path(
        "petitions/<int:pk>/files/<int:file_pk>/",
        views.PetitionFileDownload.as_view(),
        name="file",
    ),
    path("petitions/<int:pk>/<slug:action>/", views.petition_step, name="step"),
    path("track/", views.Track.as_view(), name="track"),
    path("track/rate/", views.Rate.as_view(), name="rate"),
    path("mood/", views.MoodList.as_view(), name="mood"),
    path("mood/new/", views.MoodCreate.as_view(), name="mood_create"),
    path("hotspots/", views.HotspotList.as_view(), name="hotspots"),
    path("hotspots/<int:pk>/", views.AlertPage.as_view(), name="alert"),
    path("hotspots/<int:pk>/<slug:action>/", views.alert_step, name="alert_step"),
]
