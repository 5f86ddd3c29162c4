from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CanteenSiteConfig(AppConfig):
    name = "canteen_site"
    label = "canteen_site"
    verbose_name = _("Site")

    def ready(self):
        from . import notifications  # noqa: F401  (the "my space" panel)
