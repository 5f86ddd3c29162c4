"""The course catalogue's cards are kept in the cache under a key of the pages they are read from
(canteen_site.content_cache): asking again reads no course, and any change shows at once, on any
worker, in each language; the topics' names and the learner's own progress are read afresh."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from courses.models import CoursePage
from tests.factories.courses import lessons_of, make_catalogue, make_course
from tests.test_caches_cannot_go_stale import two_workers

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    catalogue = make_catalogue()
    make_course("Gouvernance partagée", lessons=2, access="public", tags=["gouvernance"])
    return catalogue


def page(client, catalogue, **params):
    response = client.get(catalogue.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_asking_again_reads_no_course(client, catalogue):
    def course_queries():
        with CaptureQueriesContext(connection) as queries:
            assert "Gouvernance partagée" in page(client, catalogue)
        return [q["sql"] for q in queries if "courses_coursepage" in q["sql"]]

    assert course_queries()
    assert course_queries() == []


def test_a_course_renamed_or_a_lesson_removed_shows_at_once_on_another_worker(client, catalogue):
    worker_a, worker_b = two_workers()
    with worker_b:
        assert "2 leçons" in page(client, catalogue)
    with worker_a:
        course = CoursePage.objects.get(title="Gouvernance partagée")
        course.title = "Décider ensemble"
        course.save_revision().publish()
        lessons_of(course)[0].unpublish()
    with worker_b:
        html = page(client, catalogue)
        assert "Décider ensemble</a>" in html and "Gouvernance partagée</a>" not in html
        assert "1 leçon" in html and "2 leçons" not in html
    with worker_a:
        lessons_of(course)[0].delete()  # the live one, in code
    with worker_b:
        assert "0 leçon" in page(client, catalogue)


def test_a_course_added_in_code_and_a_topic_renamed_show_at_once(client, catalogue):
    assert "Prix libre" not in page(client, catalogue)
    make_course("Prix libre", lessons=1, access="public", revisions=False)
    assert "Prix libre" in page(client, catalogue)
    Tag.objects.filter(slug="gouvernance").update(name="Gouvernance et décision")
    html = page(client, catalogue)
    assert "Gouvernance et décision" in html
    assert "Prix libre" not in page(client, catalogue, sujet="gouvernance")


def test_each_language_has_its_own_cards(client, catalogue):
    assert "2 leçons" in page(client, catalogue)
    english = client.get(catalogue.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 lessons" in english and "leçons" not in english


def test_the_learner_s_progress_is_their_own(client, catalogue, team_member, other_team_member):
    course = CoursePage.objects.get(title="Gouvernance partagée")
    client.force_login(team_member)
    client.post(reverse("courses:enrol", args=[course.pk]))
    assert "badge-enrolled" in page(client, catalogue)
    client.force_login(other_team_member)
    assert "badge-enrolled" not in page(client, catalogue)


def test_a_cover_s_address_is_made_for_each_reader(client, monkeypatch):
    """On S3 each address of a file is signed and expires: the kept cards hold the cover's
    rendition, not its address, which is made on each request."""
    import itertools

    from django.core.files.storage import FileSystemStorage

    from tests.factories.courses import make_image

    catalogue = make_catalogue()
    make_course("Gouvernance", lessons=1, cover_image=make_image())
    signatures = itertools.count()
    original = FileSystemStorage.url
    monkeypatch.setattr(
        FileSystemStorage,
        "url",
        lambda self, name: f"{original(self, name)}?sig={next(signatures)}",
    )

    def cover(html):
        [address] = re.findall(r'class="course-cover" height="\d+" src="([^"]+)"', html)
        return address

    first, second = cover(page(client, catalogue)), cover(page(client, catalogue))
    assert "?sig=" in first and "?sig=" in second
    assert first != second


def test_a_deploy_of_new_code_makes_new_keys(client, catalogue, monkeypatch):
    """A cache that outlives a deploy (Redis) never gives the new code a value built by the
    old one: the keys hold a digest of the code, templates and translations."""
    from canteen_site import content_cache

    assert "Gouvernance partagée</a>" in page(client, catalogue)
    kept = CoursePage.objects.get(title="Gouvernance partagée")
    CoursePage.objects.filter(pk=kept.pk).update(title="Titre changé sans révision")
    assert "Gouvernance partagée</a>" in page(client, catalogue)  # kept: no row told of it
    monkeypatch.setattr(content_cache, "code_version", lambda: "the-next-release")
    assert "Titre changé sans révision</a>" in page(client, catalogue)
