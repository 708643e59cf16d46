from django.urls import path

from danvan.news import views

urlpatterns = [
    path("", views.article_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.article_detail, name="article"),
    path("<int:pk>/reject/", views.article_reject, name="reject"),
    path("<int:pk>/person/", views.person_add, name="person_add"),
]
