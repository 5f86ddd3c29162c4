"""One rule for every search on the site (the site search and the toolbox search).

A visitor finds a page they may not read only by what the site already shows them of it: its
title and its summary. Network members (`projects.access.is_network_member`) search everything,
bodies included.

A page model takes part by defining the class method `members_only_pages()`: a queryset of its
pages reserved for network members, each with a `title` and a `summary` (the toolbox's members-
only resources, the lessons of members-only courses). Outside the network, those pages are left
out of the full-text search and matched on their title and summary instead, without accents and
word by word (every word of the query must appear).
"""

from functools import lru_cache

from wagtail.models import get_page_models

from .text import search_words, unaccent

MAX_RESULTS = 1000


@lru_cache(maxsize=10_000)
def _shown(title, summary):
    """What a visitor sees of a members-only page, unaccented (the same titles come back at
    every search: each is unaccented once per process)."""
    return unaccent(f"{title} {summary}")


def members_only_models():
    return [model for model in get_page_models() if hasattr(model, "members_only_pages")]


def search_ids(pages, query, members, *, operator=None, limit=MAX_RESULTS):
    """Ids of the pages of `pages` (a page queryset) matching `query`, best match first.

    `members`: whether the person searching is a network member (bodies of members-only pages
    searched) or not (those pages matched on their title and summary only).
    """
    if not query:
        return []
    kwargs = {"order_by_relevance": True}
    if operator:
        kwargs["operator"] = operator
    if members:
        return [page.pk for page in pages.only("id").search(query, **kwargs)[:limit]]

    reserved = []  # (id, title, summary) of the members-only pages in `pages`
    for model in members_only_models():
        if not issubclass(model, pages.model):
            continue  # e.g. lessons, when searching the toolbox's resources
        reserved += (
            model.members_only_pages()
            .filter(pk__in=pages.values("pk"))
            .values_list("id", "title", "summary")
        )
    open_pages = pages
    for model in members_only_models():
        if issubclass(model, pages.model):
            open_pages = open_pages.exclude(pk__in=model.members_only_pages().values("pk"))
    ids = [page.pk for page in open_pages.only("id").search(query, **kwargs)[:limit]]
    wanted = search_words(query).split()
    if wanted:
        for pk, title, summary in sorted(reserved):
            shown = _shown(title, summary)
            if len(ids) < limit and all(word in shown for word in wanted):
                ids.append(pk)
    return ids


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
