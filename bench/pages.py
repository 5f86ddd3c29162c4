"""The pages `make bench` measures. A path may be a callable, run after the demo data is loaded;
`login` names the demo account whose session is used; `target` is the lowest acceptable
throughput as a ratio to a bare Django view."""

from dataclasses import dataclass

from django.urls import reverse

HEAD_OFFICE = "siege@example.org"
BAGNOLET_LEAD = "equipe.bagnolet@example.org"


@dataclass
class BenchPage:
    name: str
    path: object
    login: str | None = None
    target: float = 0.04


# Site shell


def bagnolet_team_space():
    return reverse("projects:team_space", args=["bagnolet"])


def bagnolet_history():
    return reverse("projects:history", args=["bagnolet"])


def bagnolet_thread():
    return reverse("projects:thread", args=["bagnolet"])


def bagnolet_mentoring():
    from projects.models import Mentorship

    pairing = Mentorship.objects.current().get(project__slug="bagnolet")
    return reverse("projects:mentoring", args=["bagnolet", pairing.pk])


# Training


def catalogue():
    from courses.models import CourseCatalogPage

    return CourseCatalogPage.objects.live().get().url


def lesson():
    # A lesson with a quiz, a document and a callout, that the Bagnolet lead may open.
    from courses.models import LessonPage

    return LessonPage.objects.live().get(slug="decider-par-consentement").url


# Toolbox


def _toolbox_url():
    from toolbox.models import ToolboxIndexPage

    return ToolboxIndexPage.objects.live().first().url


def toolbox_facets():
    return f"{_toolbox_url()}?stage=financement-modele&type=template"


def toolbox_search():
    return f"{_toolbox_url()}?q=securite+sanitaire"


# Questions to the network


def questions():
    return reverse("toolbox:questions") + "?stage=travaux-amenagement"


def question_page():
    from toolbox.questions import Question

    question = Question.objects.filter(hidden_at__isnull=True).order_by("pk").first()
    return reverse("toolbox:question", args=[question.pk])


PAGES = [
    BenchPage("home", "/", target=0.08),
    # The same page for a logged-in learner: the floor of every learner page that Wagtail
    # serves (its routing and view restrictions, the session, the header), with no content of
    # its own to speak of.
    BenchPage("home_learner", "/", login=BAGNOLET_LEAD, target=0.06),
    BenchPage("search", "/recherche/?q=cantine", target=0.04),
    # The Bagnolet team's own space, as its lead sees it.
    BenchPage("team_space", bagnolet_team_space, login=BAGNOLET_LEAD, target=0.04),
    # Its full history (a page of 50 events), to serve at least as many requests (issue 19).
    BenchPage("team_history", bagnolet_history, login=BAGNOLET_LEAD, target=0.04),
    # Its conversation with head office (the page marks the messages read: the same work each
    # time once they are).
    BenchPage("thread", bagnolet_thread, login=BAGNOLET_LEAD, target=0.04),
    # Who is who (every listed team, first page) and the Bagnolet mentoring space.
    BenchPage("network_directory", "/reseau/", login=BAGNOLET_LEAD, target=0.04),
    BenchPage("mentoring", bagnolet_mentoring, login=BAGNOLET_LEAD, target=0.04),
    # Head office's pipeline; `--large` adds 500 projects and 20,000 history events.
    BenchPage("pipeline_board", "/admin/pipeline/", login=HEAD_OFFICE, target=0.01),
    BenchPage("pipeline_funnel", "/admin/pipeline/funnel/", login=HEAD_OFFICE, target=0.01),
    BenchPage("pipeline_map", "/admin/pipeline/map/", login=HEAD_OFFICE, target=0.01),
    BenchPage("catalogue", catalogue, target=0.04),
    BenchPage("lesson", lesson, login=BAGNOLET_LEAD, target=0.04),
    BenchPage("toolbox_facets", toolbox_facets, target=0.04),
    BenchPage("toolbox_search", toolbox_search, target=0.04),
    BenchPage("questions", questions, login=BAGNOLET_LEAD, target=0.04),
    BenchPage("question", question_page, login=BAGNOLET_LEAD, target=0.04),
]
