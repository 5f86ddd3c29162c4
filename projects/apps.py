from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Canteen projects")

    def ready(self):
        from . import (  # noqa: F401  (registrations)
            criteria,
            opening_panels,
            panels,
            partner_criteria,
            partner_panels,
            partner_steps,
            signals,
            stage_steps,
        )
