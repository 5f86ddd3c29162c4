"""The toolbox's themes (the topics of its live resources) as things a team can help with
(see `projects.help_topics`)."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from projects import help_topics

from .resources import ResourceTag

THEME_PREFIX = "theme:"


@help_topics.register(_("Toolbox themes"))
def toolbox_themes():
    live = ResourceTag.objects.filter(content_object__live=True).values("tag_id")
    return [
        (f"{THEME_PREFIX}{slug}", name)
        for slug, name in Tag.objects.filter(pk__in=live)
        .order_by("name")
        .values_list("slug", "name")
    ]
