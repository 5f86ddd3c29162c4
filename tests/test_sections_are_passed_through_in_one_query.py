"""The home page routes a request for a page further down through its section (the catalogue,
the toolbox) in one query: the section is read as a page with its own fields deferred, not read
a second time as its type. The section itself, and what is below it, are served as before."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from courses.models import CourseCatalogPage, CoursePage, LessonPage
from tests.factories.courses import lessons_of, make_catalogue, make_course
from tests.factories.site import make_home

pytestmark = pytest.mark.django_db


def _route(path):
    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    home = make_home()
    with CaptureQueriesContext(connection) as queries:
        page, args, kwargs = home.route(request, components)
    return page, kwargs, queries


def test_a_lesson_is_found_with_one_query_per_level_below_home():
    course = make_course("Gouvernance", lessons=2, access=CoursePage.Access.PUBLIC)
    lesson = lessons_of(course)[1]

    page, kwargs, queries = _route(f"/formation/{course.slug}/{lesson.slug}/")

    assert isinstance(page, LessonPage) and page.pk == lesson.pk
    assert kwargs["course"].pk == course.pk
    # The catalogue, the course and the lesson: one query each (Wagtail's own route reads the
    # catalogue twice, as a page and as a catalogue).
    assert len(queries) == 3
    assert all('"wagtailcore_page"' in query["sql"] for query in queries.captured_queries)


def test_the_section_itself_is_served_with_all_its_fields():
    catalogue = make_catalogue()
    CourseCatalogPage.objects.filter(pk=catalogue.pk).update(intro="Se former ensemble")

    page, _kwargs, _queries = _route("/formation/")

    assert isinstance(page, CourseCatalogPage)
    assert page.get_deferred_fields() == set()
    assert page.intro == "Se former ensemble"


def test_a_deferred_section_still_reads_its_fields_when_asked():
    """A section passed through keeps its type; a field read later loads from the database."""
    catalogue = make_catalogue()
    CourseCatalogPage.objects.filter(pk=catalogue.pk).update(intro="Se former ensemble")
    section = make_home().get_children().get(slug="formation").specific_deferred

    assert isinstance(section, CourseCatalogPage)
    assert section.intro == "Se former ensemble"


def test_an_unknown_section_or_page_is_not_found():
    course = make_course("Gouvernance", lessons=1, access=CoursePage.Access.PUBLIC)
    for path in (f"/inconnue/{course.slug}/", f"/formation/{course.slug}/inconnue/"):
        with pytest.raises(Http404):
            _route(path)


def test_an_unpublished_lesson_is_not_found_through_its_section():
    course = make_course("Gouvernance", lessons=1, access=CoursePage.Access.PUBLIC)
    lesson = lessons_of(course)[0]
    lesson.unpublish()
    with pytest.raises(Http404):
        _route(f"/formation/{course.slug}/{lesson.slug}/")
