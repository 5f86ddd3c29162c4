"""The SQLite side of `canteen_site.search_backend`: index entries and queries as French stems.

Imported only on SQLite (the models of Wagtail's SQLite backend exist only there).
"""

from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .text import french_stems

__all__ = ["FrenchSQLiteSearchBackend", "SQLiteSearchBackend"]


class StemmingObjectIndexer(ObjectIndexer):
    @property
    def stemmed_title(self):
        return french_stems(self.title)

    @property
    def stemmed_body(self):
        return french_stems(self.body)


class StemmingSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """As SQLiteIndex.add_items, with the title and body stemmed."""
        if not model.get_search_fields():
            return
        indexers = [StemmingObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.stemmed_title, indexer.autocomplete, indexer.stemmed_body)
            for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            stems = french_stems(query.query_string)
            query = PlainText(stems, operator=query.operator, boost=query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(french_stems(query.query_string))
        return super().build_search_query_content(query, config=config)


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmingSQLiteIndex
    query_compiler_class = StemmingQueryCompiler
