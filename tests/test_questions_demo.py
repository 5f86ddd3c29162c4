"""The demo's questions to the network and examples from teams: a dozen questions with
answers across stages (one answer hidden by head office, one reported), FAQ entries, two
published examples, in French with French typography, loaded once (idempotent)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.loader import read
from tests.test_french_typography import typography_faults
from toolbox.examples import Example
from toolbox.questions import Answer, FaqEntry, ModerationAction, Question, Report

pytestmark = pytest.mark.django_db


def french_texts():
    data = read("questions")
    for question in data["questions"]:
        yield question["title"]
        yield question["text"]
        for answer in question["answers"]:
            yield answer["text"]
            yield answer.get("hidden", {}).get("reason", "")
            for report in answer.get("reports", []):
                yield report["reason"]
    for example in data["examples"]:
        yield example["title"]
        yield example["description"]


def test_the_demo_data_follows_french_typography():
    faults = {text: typography_faults(text) for text in french_texts() if typography_faults(text)}
    assert faults == {}


def test_demo_questions_and_examples(client, demo_content):
    assert Question.objects.count() == 12
    assert Question.objects.values("stage").distinct().count() >= 6
    assert Answer.objects.count() >= 15
    assert Question.objects.filter(helpful_answer__isnull=False).count() >= 6
    hidden = Answer.objects.get(hidden_at__isnull=False)
    assert hidden.hidden_reason and hidden.hidden_by.has_perm("toolbox.moderate_question")
    assert ModerationAction.objects.filter(answer=hidden, action="hide").count() == 1
    assert Report.objects.filter(closed_at__isnull=True).count() == 1  # waits in the queue
    assert Report.objects.filter(answer=hidden, outcome="hidden").count() == 1
    assert FaqEntry.objects.filter(live=True).count() == 4
    examples = Example.objects.filter(status=Example.Status.PUBLISHED)
    assert examples.count() == 2
    assert examples.filter(credit_canteen=True).count() == 1
    anonymised = examples.get(credit_canteen=False)
    assert anonymised.replacement

    client.force_login(Question.objects.first().author)
    for example in examples:
        response = client.get(reverse("toolbox:example_file", args=[example.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("toolbox:questions")).status_code == 200
    for question in Question.objects.all():
        assert client.get(reverse("toolbox:question", args=[question.pk])).status_code == 200


def test_the_demo_team_sees_the_network_on_its_stage(client, demo_content):
    from projects.models import Project

    bagnolet = Project.objects.get(slug="bagnolet")
    lead = bagnolet.memberships.get(role="lead").user
    client.force_login(lead)
    html = client.get(reverse("projects:team_space", args=["bagnolet"])).content.decode()
    assert "Faut-il une hotte professionnelle" in html
    assert "Le plan de maîtrise sanitaire d’une cantine ouverte" in html
    # The bench measures the questions pages for that account.
    from bench.pages import PAGES

    for page in PAGES:
        if page.name in ("questions", "question"):
            assert client.get(page.path()).status_code == 200


def test_the_demo_loader_adds_no_question_twice(demo_content):
    def counts():
        return (
            Question.objects.count(),
            Answer.objects.count(),
            Report.objects.count(),
            FaqEntry.objects.count(),
            Example.objects.count(),
        )

    before = counts()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert counts() == before
