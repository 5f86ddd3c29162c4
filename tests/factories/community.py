"""Factories for the questions to the network and the examples (plain functions)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from projects import services as projects
from projects.uploads import check_upload
from tests.factories.files import demo_pdf
from toolbox import question_services


def make_question(author, title="Comment trouver un local ?", *, stage=None, topic=None, text=""):
    return question_services.ask(
        author, title, text or "Nous cherchons depuis trois mois.", stage=stage, topic=topic
    )


def make_answer(question, author, text="Nous avons demandé au bailleur social."):
    return question_services.answer(question, author, text)


def make_accepted_deliverable(project, reviewer, by, name="budget.pdf", content=None):
    requirement = project.stage.deliverable_requirements.first()
    checked = check_upload(SimpleUploadedFile(name, content or demo_pdf(), "application/pdf"))
    deliverable = projects.upload_deliverable(project, requirement, checked, by)
    return projects.review_deliverable(deliverable, reviewer, True)
