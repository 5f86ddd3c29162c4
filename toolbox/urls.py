from django.urls import path

from . import views
from .models import DOWNLOAD_PREFIX_SLUG

app_name = "toolbox"

urlpatterns = [
    path(f"boite-a-outils/{DOWNLOAD_PREFIX_SLUG}/<slug:slug>/", views.download, name="download"),
    path(
        f"boite-a-outils/{DOWNLOAD_PREFIX_SLUG}/<slug:slug>/version-<int:number>/",
        views.download,
        name="download_version",
    ),
]
