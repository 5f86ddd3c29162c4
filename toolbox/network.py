"""The toolbox index's door to what the network shares: questions, FAQ, examples."""

from django.urls import reverse

from . import example_services, question_services

EXAMPLES_SHOWN = 10


def from_the_network(user, stage_slugs):
    """The toolbox index's door to the network's questions, FAQ and examples (members only),
    with the examples of the stages chosen in the filters (one query, none for visitors)."""
    if not question_services.can_take_part(user):
        return None
    examples = []
    if stage_slugs:
        examples = list(
            example_services.published().filter(stage__slug__in=stage_slugs)[:EXAMPLES_SHOWN]
        )
    suffix = f"?stage={stage_slugs[0]}" if stage_slugs else ""
    return {
        "questions_url": reverse("toolbox:questions") + suffix,
        "faq_url": reverse("toolbox:faq") + suffix,
        "examples_url": reverse("toolbox:examples") + suffix,
        "examples": examples,
    }
