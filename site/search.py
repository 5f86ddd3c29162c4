"""One rule for every search on the site (the site search and the toolbox search).

A visitor finds a page they may not read only by what the site already shows them of it: its
title and its summary. Network members (`projects.access.is_network_member`) search everything,
bodies included.

A page model takes part by inheriting `MembersOnlyTeaser` and defining the class method
`members_only_pages()`: a queryset of its pages reserved for network members (the toolbox's
members-only resources, the lessons of members-only courses). Outside the network, such a page
is found only when the full-text search finds it and every word of the query, without accents,
is also in its title or summary (a copy of both kept with each page, `MembersOnlyTeaser`).

Only ids pass through Python: no page is loaded to be ranked, and what the database reads grows
with the matches, not with the pages of the site (with 3,000 resources, reading every
members-only resource made the toolbox search 2.5 times slower than with 33, and scanning them
in SQL still 1.5 times).
"""

from django.db import migrations, models
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, When
from wagtail.models import get_page_models

from .text import search_words, unaccent

MAX_RESULTS = 1000


class MembersOnlyTeaser(models.Model):
    """What a visitor outside the network may match of a members-only page: its title and
    summary, unaccented, kept with the page's row whenever it is saved (publishing included)."""

    search_teaser = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_teaser = teaser(self.title, self.summary)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "summary"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_teaser"}
        return super().save(*args, **kwargs)


def teaser(title, summary):
    return unaccent(f"{title} {summary}")


def fill_teasers(app_label, model_name):
    """The migration step that writes the teaser of the pages already there."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        pages = list(model.objects.only("pk", "title", "summary"))
        for page in pages:
            page.search_teaser = teaser(page.title, page.summary)
        model.objects.bulk_update(pages, ["search_teaser"], batch_size=500)

    return migrations.RunPython(fill, migrations.RunPython.noop)


def on_postgresql(create, drop):
    """A migration step running SQL on PostgreSQL only (the search indexes below: SQLite
    searches through its own FTS5 table and needs none of them)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)


def index_object_ids(table, column):
    """The migration step that lets PostgreSQL find a table's rows from the search index.

    Wagtail's PostgreSQL backend joins its index entries to a model's table on
    `object_id = (pk)::varchar(50)`: without an index on that expression, PostgreSQL reads the
    whole table to hash it (2.8 ms with 3,000 toolbox resources, growing with them); with one,
    it looks up the few rows the full-text index found (0.1 ms)."""
    name = f"canteen_{table}_object_id"
    return on_postgresql(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ((({column})::varchar(50)))",
        f"DROP INDEX IF EXISTS {name}",
    )


def members_only_models():
    return [model for model in get_page_models() if hasattr(model, "members_only_pages")]


def _reserved_models(model):
    # e.g. not the lessons when searching the toolbox's resources
    return [other for other in members_only_models() if issubclass(other, model)]


def _ranked_ids(pages, query, operator, limit):
    """Ids of the best `limit` full-text matches among `pages`, best first, without loading the
    pages: the French SQLite backend ranks them in one query (canteen_site.search_sqlite);
    Wagtail's other database backends give a queryset ordered by rank."""
    kwargs = {"order_by_relevance": True}
    if operator:
        kwargs["operator"] = operator
    results = pages.only("id").search(query, **kwargs)[:limit]
    if hasattr(results, "ranked_ids"):
        return results.ranked_ids()
    return list(results.get_queryset().values_list("pk", flat=True))


def _members_only(model, *conditions):
    """Members-only pages of `model` meeting `conditions`, as a condition on its pages: checked
    row by row (EXISTS on the page's own key), so that it costs per page it is asked about,
    not per members-only page of the site."""
    found = Q(pk__in=[])
    for reserved in _reserved_models(model):
        found |= Q(Exists(reserved.members_only_pages().filter(*conditions, pk=OuterRef("pk"))))
    return found


def search_ids(pages, query, members, *, operator=None, limit=MAX_RESULTS):
    """Ids of the pages of `pages` (a page queryset) matching `query`, best match first.

    `members`: whether the person searching is a network member (bodies of members-only pages
    searched) or not. Outside the network, a members-only page among the full-text matches is
    kept only when every word of the query is in its title or summary, and comes after the
    others, in a fixed order (its rank came from its body). Only ids pass through Python, and
    what is read grows with the matches, not with the pages of the site.
    """
    if not query:
        return []
    ids = _ranked_ids(pages, query, operator, limit)
    if members or not ids:
        return ids
    words = search_words(query).split()
    teaser_holds = [Q(search_teaser__contains=word) for word in words] or [Q(pk__in=[])]
    reserved = dict(
        pages.filter(pk__in=ids)
        .filter(_members_only(pages.model))
        .annotate(
            shown=Case(
                When(_members_only(pages.model, *teaser_holds), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
        .order_by("pk")
        .values_list("pk", "shown")
    )
    shown = [pk for pk, visible in reserved.items() if visible]
    return [pk for pk in ids if pk not in reserved] + shown


# Content that is not a page, listed beside the pages' results (e.g. the toolbox's questions to
# the network). An app registers `provider(request, query, members) -> dict | None`: a
# `template` and its context. A provider keeps to this module's rule: it shows outside the
# network nothing that the site does not already show there.
_providers = []


def register_results(func):
    _providers.append(func)
    return func


def other_results(request, query, members):
    results = []
    for func in _providers:
        result = func(request, query, members)
        if result:
            results.append(result)
    return results
