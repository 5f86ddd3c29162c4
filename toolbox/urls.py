"""Stable download links of toolbox files, outside the page tree: /telecharger/<file>/."""

from django.urls import path

from . import views

app_name = "toolbox"

urlpatterns = [
    path("telecharger/<slug:slug>/", views.download, name="download"),
    path("telecharger/<slug:slug>/version-<int:number>/", views.download, name="download_version"),
]
