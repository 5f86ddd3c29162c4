"""The site search's matches are kept in the cache under a key of the search, the reader's kind
(network member or not, read afresh) and the pages (canteen_site.content_cache): asking again
reads no search index, and a page published, unpublished or made private shows or leaves at
once, on any worker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import CoursePage
from tests.factories.courses import lessons_of, make_course, paragraph
from tests.test_caches_cannot_go_stale import two_workers
from tests.test_search_privacy import found

pytestmark = pytest.mark.django_db
INDEX_TABLES = ("wagtailsearch_indexentry", "sqliteftsindexentry")


@pytest.fixture
def course(db):
    return make_course(
        "Accueil des voisins",
        lessons=1,
        access=CoursePage.Access.PUBLIC,
        bodies={0: [paragraph("Le tablier orange du premier jour.")]},
    )


def test_asking_again_reads_no_search_index(client, course):
    def index_queries():
        with CaptureQueriesContext(connection) as queries:
            assert found(client, "tablier") == ["Accueil des voisins leçon 1"]
        return [q for q in queries if any(t in q["sql"].lower() for t in INDEX_TABLES)]

    assert index_queries()
    assert index_queries() == []


def test_a_page_published_unpublished_or_made_private_shows_at_once_on_another_worker(
    client, course
):
    worker_a, worker_b = two_workers()
    with worker_b:
        assert found(client, "tablier") == ["Accueil des voisins leçon 1"]
    with worker_a:
        make_course(
            "Cuisiner ensemble",
            lessons=1,
            access=CoursePage.Access.PUBLIC,
            bodies={0: [paragraph("Un tablier pour chacun.")]},
        )
    with worker_b:
        assert found(client, "tablier") == [
            "Accueil des voisins leçon 1",
            "Cuisiner ensemble leçon 1",
        ]
    with worker_a:
        lessons_of(course)[0].unpublish()
    with worker_b:
        assert found(client, "tablier") == ["Cuisiner ensemble leçon 1"]
    with worker_a:
        # Made private in code, without Wagtail's admin (no log entry).
        PageViewRestriction.objects.create(
            page=CoursePage.objects.get(title="Cuisiner ensemble"), restriction_type="login"
        )
    with worker_b:
        assert found(client, "tablier") == []


def test_members_and_visitors_never_share_kept_matches(client, team_member):
    make_course(
        "Gestion",
        lessons=1,
        access=CoursePage.Access.MEMBERS,
        bodies={0: [paragraph("Les coefficients de la convention.")]},
    )
    client.force_login(team_member)
    assert found(client, "coefficients") == ["Gestion leçon 1"]
    client.logout()
    assert found(client, "coefficients") == []
    client.force_login(team_member)
    assert found(client, "coefficients") == ["Gestion leçon 1"]


def test_kept_matches_are_read_again_among_the_live_public_pages(client, course):
    """Whatever a key misses (on PostgreSQL, two writes committing out of the order of their
    ids), a page unpublished or made private is never shown from kept matches."""
    from wagtail.models import Page

    assert found(client, "tablier") == ["Accueil des voisins leçon 1"]
    lesson = lessons_of(course)[0]
    # As the key sees a change it cannot tell: no new row anywhere.
    Page.objects.filter(pk=lesson.pk).update(live=False)
    assert found(client, "tablier") == []
