"""The full-text search reads an index on both databases: SQLite's FTS5 table, and on
PostgreSQL a GIN index on what Wagtail's backend matches (`title || body`, migration
canteen_site/0004), without which a search over 3,000 resources read every entry."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.toolbox import make_index, make_resource
from toolbox.resources import ResourcePage

INDEX = "canteen_indexentry_title_body_gin"


def test_the_full_text_search_reads_an_index(db):
    make_resource(make_index(), "Hygiène et sécurité sanitaire", summary="Les règles.")
    with CaptureQueriesContext(connection) as queries:
        found = [page.title for page in ResourcePage.objects.search("sanitaire")]
    assert found == ["Hygiène et sécurité sanitaire"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
            (definition,) = cursor.fetchone()
        assert "gin" in definition and "(title || body)" in definition
        assert any("@@" in query["sql"] for query in queries)
        # The found entries lead to their rows by an index on the join's expression
        # (canteen_site.search.index_object_ids), not by hashing the whole table.
        for table, column in [("toolbox_resourcepage", "page_ptr_id"), ("wagtailcore_page", "id")]:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                    [f"canteen_{table}_object_id"],
                )
                (definition,) = cursor.fetchone()
            assert f"(({column})::character varying(50))" in definition, definition
    else:
        assert any("MATCH" in query["sql"] for query in queries)


def test_a_visitors_search_reads_only_the_pages_the_index_found(db):
    """Outside the network, members-only pages are kept or left out among the matches of the
    index, each checked by its key: no query walks every resource (or every members-only one),
    which made the search slower as the toolbox grew."""
    from canteen_site.search import search_ids
    from tests.factories.courses import paragraph

    index = make_index()
    shown = make_resource(index, "Fiche zanzibar", summary="Ouverte.", body=[])
    teaser = make_resource(index, "Grille zanzibar", summary="Réservée.", members_only=True)
    make_resource(
        index,
        "Grille des salaires",
        summary="Réservée.",
        members_only=True,
        body=[paragraph("Le mot zanzibar est dans le corps seulement.")],
    )
    for number in range(5):
        make_resource(index, f"Autre fiche {number}", summary="Sans rapport.", members_only=True)
    pages = ResourcePage.objects.live()
    with CaptureQueriesContext(connection) as queries:
        ids = search_ids(pages, "zanzibar", members=False)
    assert ids == [shown.pk, teaser.pk]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for query in queries:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                steps = [row[3] for row in cursor.fetchall()]
                walks = [step for step in steps if step.startswith("SCAN")]
                assert all("VIRTUAL TABLE" in step for step in walks), (query["sql"], steps)
