"""A toolbox search is kept in the cache like the listing, under a key of the search, the reader's
kind (network member or not, read afresh) and the rows it is read from: asking again reads no
search index, and any change, or another search, gets its own answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.courses import paragraph
from tests.factories.toolbox import make_index, make_resource
from toolbox.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(first_stage):
    index = make_index()
    make_resource(index, "La sécurité sanitaire en cuisine", stages=[first_stage])
    make_resource(index, "Modèle de statuts", stages=[first_stage])
    make_resource(index, "Avant l'ouverture", stages=[first_stage])
    return index


def browse(client, index, **params):
    return client.get(index.url, params).context["browse"]


def titles(result):
    return [row.title for row in result.rows]


def test_a_search_sorted_by_date_shows_its_matches_whatever_was_kept_before(client, index):
    assert browse(client, index, sort="newest").total == 3
    searched = browse(client, index, q="sanitaire", sort="newest")
    assert (searched.total, titles(searched)) == (1, ["La sécurité sanitaire en cuisine"])
    # And the other way round: the listing is not the search kept before it.
    assert browse(client, index, q="statuts", sort="title").total == 1
    assert browse(client, index, sort="title").total == 3


def test_asking_the_same_search_again_reads_no_search_index(client, index):
    def search_queries():
        with CaptureQueriesContext(connection) as queries:
            assert titles(browse(client, index, q="statuts")) == ["Modèle de statuts"]
        index_tables = ("wagtailsearch_indexentry", "sqliteftsindexentry")
        return [q["sql"] for q in queries if any(t in q["sql"].lower() for t in index_tables)]

    assert search_queries()  # the first time, the search index is read
    assert search_queries() == []


def test_a_kept_search_follows_a_published_change_at_once(client, index, first_stage):
    assert titles(browse(client, index, q="ouverture")) == ["Avant l'ouverture"]
    make_resource(index, "Le jour de l'ouverture", stages=[first_stage])
    assert sorted(titles(browse(client, index, q="ouverture"))) == [
        "Avant l'ouverture",
        "Le jour de l'ouverture",
    ]
    page = ResourcePage.objects.get(title="Modèle de statuts")
    page.title = "Modèle de statuts pour l'ouverture"
    page.save_revision().publish()
    assert len(browse(client, index, q="ouverture").rows) == 3


def test_members_and_visitors_never_share_a_kept_search(client, index, team_member):
    make_resource(
        index,
        "Grille des salaires",
        members_only=True,
        body=[paragraph("Coefficients de la convention collective.")],
    )
    client.force_login(team_member)
    assert titles(browse(client, index, q="coefficients")) == ["Grille des salaires"]
    client.logout()
    assert titles(browse(client, index, q="coefficients")) == []
    client.force_login(team_member)
    assert titles(browse(client, index, q="coefficients")) == ["Grille des salaires"]
