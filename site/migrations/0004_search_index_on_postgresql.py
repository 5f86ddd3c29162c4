"""An index for the full-text search on PostgreSQL.

Wagtail's PostgreSQL backend matches `title || body` of each index entry, an expression that its
own GIN indexes (on `title` and on `body`, each alone) cannot serve: PostgreSQL read every entry
and, without statistics on the expression, guessed one match, so it joined the entries to the
pages in a nested loop. With 3,000 toolbox resources a search took 130 ms of SQL; with this
index (and the statistics PostgreSQL keeps for it) 10 ms. The ORM cannot add an index to another
app's table, hence the SQL. SQLite searches through its own FTS5 table and needs nothing.
"""

from django.db import migrations

from canteen_site.search import on_postgresql

INDEX = "canteen_indexentry_title_body_gin"


class Migration(migrations.Migration):
    dependencies = [
        ("canteen_site", "0003_roles"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        on_postgresql(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
