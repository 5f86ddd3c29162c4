"""Wagtail's database search backend, with French word forms on SQLite as on PostgreSQL.

PostgreSQL stems words with its `french` text search configuration (`SEARCH_CONFIG` in the
settings). SQLite's full-text index (FTS5) only folds case and accents: "benevole" would not
find "bénévoles". On SQLite the title and body of each index entry are therefore stored as
French Snowball stems (unaccented, lower-case), and the words of every query are stemmed the
same way before they reach FTS5, which keeps its index: a search reads only the matching rows.
The autocomplete column is left as it is (it matches prefixes of the words as typed).

Changing this stemming means rebuilding the index (`manage.py update_index`).
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = DatabaseSearchBackend(params)
    if connection.vendor != "sqlite":
        return backend
    # Imported here: the SQLite backend's models exist only on SQLite with FTS5.
    from .search_sqlite import FrenchSQLiteSearchBackend, SQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):
        return FrenchSQLiteSearchBackend(params)
    return backend
