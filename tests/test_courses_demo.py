"""The French demo content of the training track."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from courses.blocks import LessonBodyBlock
from courses.models import (
    CourseCatalogPage,
    CourseCompletion,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)
from projects.models import ProjectEvent

pytestmark = pytest.mark.django_db


def test_demo_courses_cover_what_the_network_teaches(demo_content):
    courses = list(CoursePage.objects.live())
    titles = {course.title for course in courses}
    assert len(courses) >= 5
    assert "Gouvernance partagée et intelligence collective" in titles
    assert "Préparer l’ouverture et les bonnes pratiques" in titles
    assert any(course.ordered for course in courses)
    assert any(course.prerequisites.exists() for course in courses)
    assert any(course.access == CoursePage.Access.PUBLIC for course in courses)
    used = set()
    for course in courses:
        lessons = LessonPage.objects.child_of(course).live()
        assert 4 <= lessons.count() <= 8, course.title
        assert any(lesson.quiz_blocks() for lesson in lessons), course.title
        assert course.stages.exists() and course.tags.exists()
        for lesson in lessons:
            used |= {block.block_type for block in lesson.body}
    assert used == set(LessonBodyBlock().child_blocks)


def test_demo_is_idempotent(demo_content):
    models = [
        CoursePage,
        LessonPage,
        Enrolment,
        TeamEnrolment,
        LessonCompletion,
        CourseCompletion,
        QuizAttempt,
        StageCourseRequirement,
    ]
    counts = [model.objects.count() for model in models]
    events = ProjectEvent.objects.filter(kind=ProjectEvent.Kind.LESSON_COMPLETED).count()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert [model.objects.count() for model in models] == counts
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.LESSON_COMPLETED).count() == events
    assert CourseCatalogPage.objects.count() == 1


@pytest.mark.parametrize("email", ["equipe.bagnolet@example.org", "equipe.senlis@example.org"])
def test_demo_team_members_have_learning_to_show(demo_content, email):
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    response = client.get(reverse("courses:my_learning"))
    assert response.context["in_progress"] or response.context["completed"]
    assert LessonCompletion.objects.filter(user__email=email).exists()
    assert ProjectEvent.objects.filter(
        kind=ProjectEvent.Kind.LESSON_COMPLETED, actor__email=email
    ).exists()


def test_demo_trainer_edits_the_catalogue(demo_content):
    trainer = get_user_model().objects.get(email="formatrice@example.org")
    catalogue = CourseCatalogPage.objects.get()
    assert catalogue.permissions_for_user(trainer).can_publish_subpage()
    assert not catalogue.get_parent().permissions_for_user(trainer).can_edit()
    assert catalogue.show_in_menus
    assert catalogue.get_parent().specific.training_page_id == catalogue.pk
