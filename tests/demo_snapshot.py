"""The demo content, loaded once per test session and written back before each test that uses it.

`load_demo` takes many seconds; the rows it leaves are kept in memory and written back, as they
were, at the start of every following test: inside the test's transaction for ordinary tests
(rolled back after them), into the emptied database for browser tests (transactional).
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

# Filled by triggers when their source table is written (SQLite full-text index of Wagtail's
# search); `SELECT *` on them does not even return the rowid that ties them to their source.
FILLED_BY_TRIGGERS = {"wagtailsearch_indexentry_fts"}


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def take_snapshot():
    quote = connection.ops.quote_name
    rows = []
    with connection.cursor() as cursor:
        for table in _tables():
            if table in FILLED_BY_TRIGGERS:
                continue
            cursor.execute(f"SELECT * FROM {quote(table)}")
            columns = [column[0] for column in cursor.description]
            rows.append((table, columns, cursor.fetchall()))
    return rows


def restore_snapshot(rows):
    quote = connection.ops.quote_name
    flush = connection.ops.sql_flush(no_style(), _tables(), reset_sequences=False)
    connection.ops.execute_sql_flush(flush)
    # Foreign keys are deferred to the end of the transaction: any table order works.
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns, values in rows:
            if values:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        if FILLED_BY_TRIGGERS & set(connection.introspection.table_names(cursor)):
            cursor.execute(
                "SELECT (SELECT count(*) FROM wagtailsearch_indexentry_fts), "
                "(SELECT count(*) FROM wagtailsearch_indexentry)"
            )
            indexed, entries = cursor.fetchone()
            assert indexed == entries, "the full-text index does not match the search entries"
