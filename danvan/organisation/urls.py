from django.urls import path

from danvan.organisation import views

urlpatterns = [
    path("", views.UnitBrowse.as_view(), name="browse"),
    path("<int:pk>/", views.UnitPage.as_view(), name="detail"),
    path("<int:pk>/children/", views.UnitChildren.as_view(), name="children"),
    path("<int:pk>/add/", views.GrassrootsCreate.as_view(), name="add"),
    path("<int:pk>/rename/", views.UnitRename.as_view(), name="rename"),
    path("<int:pk>/transfer/", views.UnitTransfer.as_view(), name="transfer"),
    path("<int:pk>/merge/", views.UnitMerge.as_view(), name="merge"),
    path("<int:pk>/split/", views.UnitSplit.as_view(), name="split"),
    path("<int:pk>/abolish/", views.UnitAbolish.as_view(), name="abolish"),
]
