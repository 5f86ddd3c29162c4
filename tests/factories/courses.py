"""Factories for the training-track tests (plain functions: the tests own their fixtures)."""

import io
import uuid

from canteen_site.permissions import grant_section_permissions
from courses.models import EDIT_CATALOGUE, CourseCatalogPage, CoursePage, LessonPage
from tests.factories.site import make_home

SECRET_ANSWER = "Réponse juste confidentielle"
EXPLANATION = "Explication réservée aux personnes qui ont répondu"


def make_catalogue():
    catalogue = CourseCatalogPage.objects.first()
    if catalogue is None:
        catalogue = CourseCatalogPage(title="Formation", slug="formation", show_in_menus=True)
        make_home().add_child(instance=catalogue)
        catalogue.save_revision().publish()
        grant_section_permissions(catalogue, EDIT_CATALOGUE)  # as the demo loader does
    return catalogue


def paragraph(text):
    return {"type": "paragraph", "value": {"text": f"<p>{text}</p>"}, "id": str(uuid.uuid4())}


def quiz_block(block_id=None, pass_mark=50, multiple=False, **rules):
    """A two-question quiz; the ids are returned in the block so tests can answer it.

    Question 1 (single choice): choice "a1" is right. Question 2: "b1" is right, and "b2" too
    when `multiple`. `rules`: show_answers, reveal_after, max_attempts, retry_wait_minutes.
    """
    block_id = block_id or str(uuid.uuid4())

    def item(item_id, value):
        return {"type": "item", "id": f"{block_id}-{item_id}", "value": value}

    return {
        "type": "quiz",
        "id": block_id,
        "value": {
            "title": "Quiz",
            "intro": "",
            "pass_mark": pass_mark,
            **rules,
            "questions": [
                item(
                    "q1",
                    {
                        "question": "Première question ?",
                        "multiple": False,
                        "choices": [
                            item("a1", {"text": SECRET_ANSWER, "correct": True}),
                            item("a2", {"text": "Réponse fausse", "correct": False}),
                        ],
                        "explanation": f"<p>{EXPLANATION}</p>",
                    },
                ),
                item(
                    "q2",
                    {
                        "question": "Deuxième question ?",
                        "multiple": multiple,
                        "choices": [
                            item("b1", {"text": "Oui", "correct": True}),
                            item("b2", {"text": "Peut-être", "correct": multiple}),
                            item("b3", {"text": "Non", "correct": False}),
                        ],
                        "explanation": "",
                    },
                ),
            ],
        },
    }


def exercise_block(block_id=None):
    return {
        "type": "exercise",
        "id": block_id or str(uuid.uuid4()),
        "value": {"title": "Exercice", "prompt": "<p>Écrivez votre réponse d'équipe.</p>"},
    }


def right_answers(block):
    """POST data that answers every question of `quiz_block(...)` correctly."""
    block_id = block["id"]
    data = {f"q-{block_id}-q1": f"{block_id}-a1", f"q-{block_id}-q2": [f"{block_id}-b1"]}
    questions = block["value"]["questions"]
    if questions[1]["value"]["multiple"]:
        data[f"q-{block_id}-q2"].append(f"{block_id}-b2")
    return data


def make_course(
    title="Cours",
    *,
    catalogue=None,
    lessons=3,
    access=CoursePage.Access.MEMBERS,
    ordered=False,
    prerequisites=(),
    stages=(),
    bodies=None,
    tags=(),
    cover_image=None,
    revisions=True,
):
    """A published course with `lessons` published lessons (bodies: {index: stream data}).

    Without `revisions`, pages are saved live without a revision (faster, for bulk data).
    """
    catalogue = catalogue or make_catalogue()
    slug = f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}"
    course = CoursePage(
        title=title,
        slug=slug,
        summary=f"Résumé de {title}",
        access=access,
        ordered=ordered,
        cover_image=cover_image,
    )
    catalogue.add_child(instance=course)
    if prerequisites:
        course.prerequisites.set(prerequisites)
    if stages:
        course.stages.set(stages)
    if tags:
        course.tags.add(*tags)
    if revisions:
        course.save_revision().publish()
    else:
        course.save()
    bodies = bodies or {}
    for number in range(lessons):
        lesson = LessonPage(
            title=f"{title} leçon {number + 1}",
            slug=f"lecon-{number + 1}",
            body=bodies.get(number, [paragraph(f"Contenu de la leçon {number + 1}")]),
        )
        course.add_child(instance=lesson)
        if revisions:
            lesson.save_revision().publish()
    course.refresh_from_db()
    return course


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def make_image(title="Couverture"):
    """A small real PNG in the image library."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    output = io.BytesIO()
    PILImage.new("RGB", (64, 36), (166, 60, 26)).save(output, "PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(output, name=f"{uuid.uuid4().hex[:8]}.png")
    image.save()
    return image


def make_training_day(title="Gouvernance partagée", stages=(), course=None):
    """A published training day under the training-days page (made if missing)."""
    from django.utils.text import slugify

    from courses.models import TrainingDayIndexPage, TrainingDayPage

    index = TrainingDayIndexPage.objects.first()
    if index is None:
        index = TrainingDayIndexPage(title="Journées de formation", slug="journees")
        make_catalogue().add_child(instance=index)
        index.save_revision().publish()
    day = TrainingDayPage(
        title=title,
        slug=slugify(title),
        summary="Une journée entre équipes",
        programme="<p>Matin : ateliers. Après-midi : cas pratiques.</p>",
        course=course,
    )
    index.add_child(instance=day)
    day.stages.set(stages)
    day.save_revision().publish()
    return day


def make_session(day, *, days_ahead=20, places=10, teams=4, trainers=(), **extra):
    """A session of `day`, `days_ahead` days from now (negative: in the past)."""
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import TrainingSession

    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
        days=days_ahead
    )
    values = {
        "day": day,
        "starts_at": start,
        "ends_at": start + timedelta(hours=8),
        "address": "12 rue des Cantines, 69001 Lyon",
        "capacity_people": places,
        "capacity_teams": teams,
        "signup_deadline": start - timedelta(days=2),
    }
    values.update(extra)
    session = TrainingSession.objects.create(**values)
    session.trainers.set(trainers)
    return session
