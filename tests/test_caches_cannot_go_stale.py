"""No page is served stale or half-old, whatever the cache backend, even one per process.

The defects these tests prove gone: a course published while a catalogue request was half done
left the catalogue failing with KeyError until the cache expired; a page made private stayed
public on the other worker processes for up to five minutes; the code held its own routing and
version tokens.
"""

import re
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from courses.models import CourseCatalogPage, LessonPage
from tests.factories.courses import lessons_of, make_catalogue, make_course

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ["site", "courses", "projects", "toolbox", "templates"]


def two_workers():
    """Settings of two worker processes, each with a cache of its own."""

    def worker(name):
        return override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"worker-{name}",
                }
            }
        )

    return worker("a"), worker("b")


@pytest.fixture
def catalogue(db):
    return make_catalogue()


def test_a_course_published_during_a_catalogue_request_shows_at_the_next_one(
    client, catalogue, monkeypatch
):
    make_course("Gouvernance partagée", lessons=2)
    counts = LessonPage.counts_by_course
    published = []

    def count_then_publish(cls, courses):
        result = counts(courses)
        if not published:  # a trainer publishes between the two halves of the request
            published.append(make_course("Prix libre", lessons=1))
        return result

    monkeypatch.setattr(LessonPage, "counts_by_course", classmethod(count_then_publish))
    first = client.get(catalogue.url)
    assert first.status_code == 200
    assert "Gouvernance partagée" in first.content.decode()
    second = client.get(catalogue.url)
    assert second.status_code == 200
    assert "Prix libre" in second.content.decode()
    assert "Gouvernance partagée" in second.content.decode()


def test_a_page_made_private_on_one_worker_is_refused_on_the_other_at_once(client, catalogue):
    course = make_course("Gouvernance partagée", lessons=1, access="public")
    lesson = lessons_of(course)[0]
    worker_a, worker_b = two_workers()
    with worker_b:
        assert client.get(lesson.url).status_code == 200  # worker B has served it once
    with worker_a:
        PageViewRestriction.objects.create(page=course, restriction_type="login")
        assert client.get(lesson.url).status_code == 302
    with worker_b:
        response = client.get(lesson.url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_lesson_edited_on_one_worker_shows_on_the_other_at_once(client, catalogue):
    course = make_course("Gouvernance partagée", lessons=1, access="public")
    lesson = lessons_of(course)[0]
    worker_a, worker_b = two_workers()
    with worker_b:
        assert "Version corrigée" not in client.get(lesson.url).content.decode()
    with worker_a:
        revision = lesson.specific
        revision.body = [("paragraph", {"text": "<p>Version corrigée</p>"})]
        revision.save_revision().publish()
    with worker_b:
        assert "Version corrigée" in client.get(lesson.url).content.decode()


def test_a_catalogue_renamed_serves_its_courses_at_the_new_address(client, catalogue):
    course = make_course("Gouvernance partagée", lessons=1, access="public")
    lesson = lessons_of(course)[0]
    old_url = lesson.url
    catalogue = CourseCatalogPage.objects.get(pk=catalogue.pk)
    catalogue.slug = "apprendre"
    catalogue.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(lesson.url).status_code == 200
    assert client.get(old_url).status_code == 404


def source_files():
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                yield path


@pytest.mark.parametrize(
    "forbidden",
    [
        "_wagtail_site",
        "_wagtail_route_for_request",
        "_cached_parent_obj",
        "RESERVED_SLUGS",
        "cache_versions",
        "CacheToken",
        "CSRF_PLACEHOLDER",
    ],
)
def test_the_code_holds_no_private_wagtail_attribute_nor_version_token(forbidden):
    found = [str(path) for path in source_files() if forbidden in path.read_text()]
    assert found == []


def test_no_permission_is_decided_by_comparing_a_group_name():
    pattern = re.compile(r"groups__name|groups\.filter\(name|Group\.objects\.(get|filter)\(name")
    found = [
        str(path)
        for path in source_files()
        if path.suffix == ".py" and "demo" not in path.name and pattern.search(path.read_text())
    ]
    assert found == []
