"""The team space's panels of the learning community: what the network asked, answered and
published about the project's current stage (next to the toolbox's resources for it), and the
team's documents that may pass on to other teams. Constant queries: three, and two."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from canteen_site.panels import team_space
from canteen_site.search import register_results
from projects import review_hooks

from . import example_services, question_services
from .community_forms import ConsentForm, ProposeExampleForm
from .examples import Example

SHOWN = 5


@team_space.register(42)
def network_on_this_stage(request, project, **context):
    stage = project.stage
    questions = question_services.with_counts(
        question_services.visible_questions(request.user).filter(stage=stage)
    )
    questions = list(questions[: SHOWN + 1])
    faq = list(question_services.faq_entries(stage=stage)[:SHOWN])
    examples = list(example_services.published(stage=stage)[:SHOWN])
    stage_query = f"?stage={stage.slug}"
    return {
        "template": "toolbox/panels/network_on_stage.html",
        "title": _("The network on this stage"),
        "key": "toolbox-network",
        "stage": stage,
        "questions": questions[:SHOWN],
        "more_questions": len(questions) > SHOWN,
        "faq": faq,
        "examples": examples,
        "questions_url": reverse("toolbox:questions") + stage_query,
        "ask_url": reverse("toolbox:ask") + stage_query,
        "faq_url": reverse("toolbox:faq") + stage_query,
        "examples_url": reverse("toolbox:examples") + stage_query,
    }


@team_space.register(43)
def good_work_passed_on(request, project, **context):
    """Head office: the accepted documents it may propose as examples. The team: the proposals
    to answer and its published examples."""
    access = getattr(project, "access", None)
    if access is None:
        return None
    proposer = request.user.has_perm(example_services.PROPOSE)
    if proposer:
        documents = list(example_services.for_project(project)[:20])
        examples = [doc.example for doc in documents if hasattr(doc, "example")]
    elif access.is_member:
        documents = []
        examples = list(
            Example.objects.filter(project=project)
            .filter(Q(status=Example.Status.PROPOSED) | Q(status=Example.Status.PUBLISHED))
            .select_related("deliverable", "stage")
        )
    else:
        return None
    if not documents and not examples:
        return None
    return {
        "template": "toolbox/panels/good_work.html",
        "title": _("Good work passed on"),
        "key": "toolbox-examples",
        "proposer": proposer,
        "is_member": access.is_member,
        "documents": documents,
        "examples": examples,
        "propose_form": ProposeExampleForm() if proposer else None,
        "consent_form": ConsentForm() if access.is_member else None,
    }


@review_hooks.register
def offer_to_pass_on(request, deliverable, accepted):
    """Right after accepting a document, head office is reminded it may help other teams."""
    if accepted and request.user.has_perm(example_services.PROPOSE):
        messages.info(
            request,
            _(
                "This document could help other teams: propose it as an example under "
                "“Good work passed on”."
            ),
        )


@register_results
def questions_found(request, query, members):
    """The site search lists the questions to the network that match, for members only: a
    question is members' own words, so outside the network not even its title shows."""
    if not members:
        return None
    found = question_services.search(
        question_services.visible_questions(request.user), query
    ).order_by("-last_activity_at", "-id")
    questions = list(found.select_related("stage")[: SHOWN + 1])
    if not questions:
        return None
    return {
        "template": "toolbox/includes/questions_found.html",
        "questions": questions[:SHOWN],
        "more": len(questions) > SHOWN,
        "url": reverse("toolbox:questions") + "?" + urlencode({"q": query}),
    }
