"""The catalogue, course, lesson and "my learning" pages (and the team panel) run the same
number of SQL queries with a little data and with a lot."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import (
    CourseCompletion,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    QuizAttempt,
    TeamEnrolment,
)
from courses.panels import team_learning_panel
from projects.models import Membership, Project
from tests.factories.courses import (
    exercise_block,
    lessons_of,
    make_catalogue,
    make_course,
    make_image,
    paragraph,
    quiz_block,
)

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm up: image renditions are made on the first view
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def add_courses(count, user, *, lessons=3, stage=None):
    """Many courses, with covers, tags and the user's progress in each."""
    image = make_image()
    courses = []
    for number in range(count):
        course = make_course(
            f"Cours {number}",
            lessons=lessons,
            tags=[f"sujet {number}", "commun"],
            cover_image=image,
            stages=[stage] if stage else (),
            revisions=False,
        )
        Enrolment.objects.create(user=user, course=course)
        first = lessons_of(course)[0]
        LessonCompletion.objects.create(user=user, lesson=first, course=course, method="button")
        if number % 2:
            CourseCompletion.objects.create(user=user, course=course)
        courses.append(course)
    return courses


def add_learners(count, course, make_user):
    lessons = lessons_of(course)
    for number in range(count):
        learner = make_user(f"apprenant{number}@test.org")
        Enrolment.objects.create(user=learner, course=course)
        for lesson in lessons[: number % len(lessons) + 1]:
            LessonCompletion.objects.create(
                user=learner, lesson=lesson, course=course, method="button"
            )


@pytest.mark.parametrize("role", ["anonymous", "team_member", "head_office"])
def test_catalogue(client, role_users, make_user, role):
    user = role_users[role]
    learner = user or make_user("lecteur@test.org")
    if user is not None:
        client.force_login(user)
    catalogue = make_catalogue()
    add_courses(2, learner)
    small = queries(client, catalogue.url)
    add_courses(25, learner)
    add_learners(20, make_course("Populaire", lessons=3, revisions=False), make_user)
    large = queries(client, catalogue.url)
    assert large == small


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_course_page(client, role_users, make_user, first_stage, role):
    user = role_users[role]
    client.force_login(user)
    before = make_course("Avant", lessons=1)
    course = make_course("Suivi", lessons=2, prerequisites=[before], stages=[first_stage])
    Enrolment.objects.create(user=user, course=course)
    small = queries(client, course.url)

    others = [make_course(f"Prérequis {n}", lessons=1, revisions=False) for n in range(5)]
    for other in others:
        CourseCompletion.objects.create(user=user, course=other)
    course.prerequisites.set([before, *others])
    course.tags.add("un", "deux", "trois")
    course.save_revision().publish()
    for number in range(15):
        course.add_child(instance=type(lessons_of(course)[0])(title=f"Extra {number}"))
    for lesson in lessons_of(course)[:10]:
        LessonCompletion.objects.create(user=user, lesson=lesson, course=course, method="button")
    add_learners(20, course, make_user)
    for number in range(15):
        project = Project.objects.create(
            name=f"Projet {number}", slug=f"projet-{number}", city="Lyon", stage=first_stage
        )
        if number % 3 == 0:
            TeamEnrolment.objects.create(project=project, course=course)
    large = queries(client, course.url)
    assert large == small


@pytest.mark.parametrize("role", ["team_member", "trainer"])
def test_lesson_page(client, role_users, make_user, project, other_project, role):
    user = role_users[role]
    client.force_login(user)
    body = [paragraph("Texte"), quiz_block("quiz-1"), exercise_block("exercise-1")]
    course = make_course("Leçons", lessons=3, bodies={1: body})
    Enrolment.objects.create(user=user, course=course)
    lesson = lessons_of(course)[1]
    small = queries(client, lesson.url)

    for number in range(15):
        course.add_child(instance=type(lesson)(title=f"Extra {number}"))
    LessonCompletion.objects.create(
        user=user, lesson=lessons_of(course)[0], course=course, method="button"
    )
    for score in range(0, 100, 10):
        QuizAttempt.objects.create(
            user=user,
            lesson=lesson,
            course=course,
            block_id="quiz-1",
            score=score,
            correct_count=0,
            question_count=2,
            passed=False,
        )
    ExerciseAnswer.objects.create(
        project=other_project, lesson=lesson, block_id="exercise-1", text="Autre équipe"
    )
    add_learners(20, course, make_user)
    add_courses(5, user)
    large = queries(client, lesson.url)
    assert large == small


def test_my_learning(client, team_member, project, make_user):
    client.force_login(team_member)
    url = reverse("courses:my_learning")
    add_courses(1, team_member)
    small = queries(client, url)
    add_courses(15, team_member, lessons=4)
    for course in add_courses(5, make_user("autre.apprenant@test.org")):
        TeamEnrolment.objects.create(project=project, course=course)
    large = queries(client, url)
    assert large == small


def test_team_panel(project, team_member, head_office, make_user, first_stage):
    request = RequestFactory().get("/")
    request.user = head_office

    def count():
        team_learning_panel(request, project=project)  # warm up the per-request caches
        with CaptureQueriesContext(connection) as context:
            team_learning_panel(request, project=project)
        return len(context)

    course = make_course("Équipe", lessons=2)
    TeamEnrolment.objects.create(project=project, course=course)
    small = count()
    for number in range(6):
        member = make_user(f"membre{number}@test.org")
        Membership.objects.create(project=project, user=member)
        for other in add_courses(2, member, stage=first_stage):
            TeamEnrolment.objects.create(project=project, course=other)
    large = count()
    assert large == small
