"""A course's live lessons and prerequisites (the same for every learner) are kept in the cache
under a key of the pages (canteen_site.content_cache): a lesson read again does not read them,
and a lesson added, moved, unpublished or deleted, or a prerequisite added, shows at once on any
worker. The learner's own progress is read afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from tests.factories.courses import lessons_of, make_course, paragraph
from tests.test_caches_cannot_go_stale import two_workers

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(team_member):
    course = make_course("Accueil", lessons=3, ordered=True)
    Enrolment.objects.create(user=team_member, course=course)
    return course


def lesson_page(client, lesson):
    response = client.get(lesson.url)
    return response.status_code, response.content.decode()


def test_a_lesson_read_again_does_not_read_its_course_s_lessons(client, team_member, course):
    client.force_login(team_member)
    first = lessons_of(course)[0]

    def lesson_lists():
        with CaptureQueriesContext(connection) as queries:
            assert lesson_page(client, first)[0] == 200
        # The course's lessons in order (routing reads one lesson by its slug).
        return [
            q["sql"]
            for q in queries
            if "courses_lessonpage" in q["sql"] and '"slug"' not in q["sql"].partition("WHERE")[2]
        ]

    assert lesson_lists()
    assert lesson_lists() == []


def test_the_course_s_lessons_follow_every_change_on_another_worker(client, team_member, course):
    client.force_login(team_member)
    first, second, third = lessons_of(course)
    worker_a, worker_b = two_workers()
    with worker_b:
        assert "Leçon 1 sur 3" in lesson_page(client, first)[1]
        assert lesson_page(client, second)[0] == 403  # ordered: the first comes first
    with worker_a:
        extra = LessonPage(title="Accueil leçon 4", slug="lecon-4", body=[paragraph("Quatre")])
        course.add_child(instance=extra)
        extra.save_revision().publish()
    with worker_b:
        assert "Leçon 1 sur 4" in lesson_page(client, first)[1]
    with worker_a:
        second.move(first, pos="left")  # the second lesson comes first
    with worker_b:
        assert lesson_page(client, second)[0] == 200
        assert lesson_page(client, first)[0] == 403
    with worker_a:
        LessonCompletion.objects.create(user=team_member, lesson=second, course=course)
        first.unpublish()
    with worker_b:
        assert "Leçon 2 sur 3" in lesson_page(client, third)[1]
    with worker_a:
        LessonPage.objects.get(pk=extra.pk).delete()  # in code
    with worker_b:
        assert "Leçon 2 sur 2" in lesson_page(client, third)[1]


def test_a_prerequisite_added_locks_the_course_at_once(client, team_member, course):
    client.force_login(team_member)
    first = lessons_of(course)[0]
    assert lesson_page(client, first)[0] == 200
    before = make_course("Les bases", lessons=1)
    course = CoursePage.objects.get(pk=course.pk)
    course.prerequisites.add(before)
    course.save_revision().publish()
    status, html = lesson_page(client, first)
    assert status == 403 and "Les bases" in html
