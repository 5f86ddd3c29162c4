"""The SQLite side of `canteen_site.search_backend`: index entries and queries as French stems.

Imported only on SQLite (the models of Wagtail's SQLite backend exist only there).
"""

from contextlib import contextmanager

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

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

    def search(self, config, start, stop, score_field=None):
        """Best match first, ranked by one full-text query.

        Wagtail's SQLite backend ranks each result with a subquery that runs the full-text
        match again, once per result: with thousands of matching pages that took seconds.
        Here one query ranks the matching entries of the queryset's pages (the same score: BM25,
        the title weighted by its length) and cuts the slice asked for; only those pages are
        loaded: a list, in rank order.
        """
        query = normalize(self.query)
        if (
            not self.order_by_relevance
            or score_field is not None
            or isinstance(query, (MatchAll, Not))
        ):
            return super().search(config, start, stop, score_field=score_field)
        ids = self.ranked_ids(config, start, stop)
        objects = self.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]

    def _match(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        if search_query is None:  # no word left to look for
            return None
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

    def _matching_ids(self, config):
        """The ids of the matching objects (of the queryset's model, not narrowed to the
        queryset: the caller filters around it), as a subquery.

        Written so that SQLite runs the full-text match once, as the list of matching index
        rows: joined the other way round (as Wagtail's backend does), SQLite's planner walks
        every index entry of the model and runs the match again for each (with 3,000
        resources, 80 ms where this takes 2 ms).
        """
        match = self._match(config)
        if match is None:
            return IndexEntry.objects.none().values("object_id")
        return IndexEntry.objects.filter(
            id__in=SQLiteFTSIndexEntry.objects.filter(match).values("index_entry_id"),
            content_type__in=get_descendants_content_types_pks(self.queryset.model),
        ).values("object_id")

    def ranked_ids(self, config, start, stop):
        """The ids of the slice, best match first: every match ranked in one query driven by
        the full-text table (scores computed once per entry), then the queryset's pages among
        them in one more (only ids: nothing else grows with the matches)."""
        match = self._match(config)
        if match is None:
            return []
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        ranked = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=rank)
            .order_by("score")
            .values_list("index_entry__object_id", flat=True)
        )
        wanted = set(
            self.queryset.filter(pk__in=self._matching_ids(config)).values_list("pk", flat=True)
        )
        ids = [pk for pk in dict.fromkeys(int(object_id) for object_id in ranked) if pk in wanted]
        return ids[start:stop]


class FrenchSQLiteSearchResults(SQLiteSearchResults):
    """Results that may be the list of StemmingQueryCompiler.search."""

    def ranked_ids(self):
        """The ids of these results, best match first, without loading the pages."""
        compiler = self.query_compiler
        return compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)

    @contextmanager
    def _unranked(self):
        """The same matches without their order, which changes no count."""
        relevance = self.query_compiler.order_by_relevance
        self.query_compiler.order_by_relevance = False
        try:
            yield
        finally:
            self.query_compiler.order_by_relevance = relevance

    def _do_count(self):
        # Counted in the database instead of loading every match.
        with self._unranked():
            return self.get_queryset().count()

    def facet(self, field_name):
        # Facets group a queryset: the unranked one.
        with self._unranked():
            return super().facet(field_name)


class FrenchSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = StemmingSQLiteIndex
    query_compiler_class = StemmingQueryCompiler
    results_class = FrenchSQLiteSearchResults
