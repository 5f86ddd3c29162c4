from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .spreadsheets import safe_export_urls

admin_urls = [path("admin/", include(wagtailadmin_urls))]

urlpatterns = [
    path("healthz/", views.health, name="health"),
    path("readyz/", views.ready, name="ready"),
    # Wagtail's own report exports, served first through the site's one CSV escaping.
    *safe_export_urls(admin_urls),
    *admin_urls,
    path("documents/", include(wagtaildocs_urls)),
    path("comptes/", include("allauth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("recherche/", views.search, name="search"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("mon-espace/mon-nom/", views.profile, name="profile"),
    path("mon-espace/notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path(
        "mon-espace/notifications/tout-lu/",
        views.notifications_mark_all_read,
        name="notifications_mark_all_read",
    ),
    path(
        "mon-espace/notifications/reglages/",
        views.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "notifications/desabonnement/<str:token>/",
        views.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
    path("", include("projects.urls")),
    path("", include("courses.urls")),
    path("", include("toolbox.urls")),
]

if settings.DEBUG:
    from toolbox.views import media_except_documents

    # Wagtail documents are served only by permission-checked views, never as media files.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", media_except_documents)]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "canteen_site.views.page_not_found"
handler500 = "canteen_site.views.server_error"
