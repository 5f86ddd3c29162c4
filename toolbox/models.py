"""The toolbox: an index page that lists the resources for project teams (see
`toolbox.resources` for the resources, their files and downloads, and `toolbox.browse` for the
facets and the search).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .browse import browse
from .examples import Example  # noqa: F401
from .network import from_the_network
from .questions import (  # noqa: F401
    Answer,
    FaqEntry,
    ModerationAction,
    Question,
    Report,
)
from .resources import (  # noqa: F401  (Django finds every model of the app here)
    Audience,
    Download,
    ResourceFile,
    ResourceFileVersion,
    ResourceLink,
    ResourcePage,
    ResourceTag,
    ResourceType,
    Visibility,
)


class ToolboxIndexPage(Page):
    """The library: browse resources by stage, type and topic, or search them."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["canteen_site.HomePage"]
    subpage_types = ["toolbox.ResourcePage"]
    max_count = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = _("toolbox")
        permissions = [
            (
                "edit_toolbox",
                _("Can write the toolbox: add, edit and publish pages under the toolbox"),
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["browse"] = result = browse(self, request)
        context["network"] = from_the_network(request.user, result.selected["stage"])
        return context
