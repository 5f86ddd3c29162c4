"""An editor panel listing a resource's files, which are edited in their own admin screen."""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.panels import Panel


class ResourceFilesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "toolbox/admin/resource_files_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            files = []
            if page.pk:
                files = list(page.files.select_related("document").order_by("sort_order", "title"))
            context["files"] = files
            add_url = reverse("toolbox_files:add")
            context["add_url"] = f"{add_url}?resource={page.pk}" if page.pk else ""
            return context


class VersionHistoryPanel(Panel):
    """The versions of a toolbox file, newest first (read only: history is never rewritten)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "toolbox/admin/version_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            file = self.instance
            context["versions"] = []
            if file.pk:
                context["versions"] = list(
                    file.versions.select_related("document").annotate(
                        download_count=Count("downloads")
                    )
                )
                context["stable_url"] = reverse("toolbox:download", args=[file.slug])
            return context
