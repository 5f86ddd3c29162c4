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
    else:
        assert any("MATCH" in query["sql"] for query in queries)
