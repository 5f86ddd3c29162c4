"""What a team can help other teams with: the topics a profile offers and the directory filters.

The projects app offers its stages ("stage:<slug>"); other apps add theirs with `register`
(the toolbox: its themes, "theme:<slug>"), so that `projects` imports no other app. A provider
takes no argument and returns a list of `(key, label)`, in one query at most. Keys are stored
on the profiles (`ProfileTopic.key`); a key no provider knows any more is simply not shown.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Stage

STAGE_PREFIX = "stage:"
_providers = []


@dataclass(frozen=True)
class TopicGroup:
    label: str
    topics: list  # [(key, label)]


def register(label):
    """Register a provider of topics shown under the heading `label`."""

    def decorator(func):
        _providers.append((label, func))
        return func

    return decorator


@register(_("Stages of a project"))
def stage_topics():
    return [
        (f"{STAGE_PREFIX}{stage.slug}", stage.display_name)
        for stage in Stage.objects.only("slug", "name", "name_en").order_by("position")
    ]


def groups():
    """Every topic, grouped by provider (one query per provider)."""
    return [TopicGroup(str(label), list(func())) for label, func in _providers]


def choices(topic_groups=None):
    """Grouped choices for a form field or a filter: [(group label, [(key, label)])]
    (of `topic_groups` when a page has read them already)."""
    topic_groups = groups() if topic_groups is None else topic_groups
    return [(group.label, group.topics) for group in topic_groups if group.topics]


def labels(topic_groups=None):
    """{key: label} of every topic (of `topic_groups` when a page has read them already)."""
    topic_groups = groups() if topic_groups is None else topic_groups
    return {key: label for group in topic_groups for key, label in group.topics}
