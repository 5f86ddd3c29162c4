"""Content kept in the cache under a key read from the rows it is built from (the site's one
caching rule, README "Caching and speed").

`content_facts(page)` reads, in one query of index lookups (nothing in it walks a table), what
any change to the pages writes: the page's `numchild` (its direct children, kept by the page
tree even for deletions in code), the newest page, revision and page log entry (every publish,
unpublish, move or delete through Wagtail writes one), the view restrictions (how many and the
newest: one added or removed in any way, even without a log entry, makes a new key) and the
newest model log entry (images and documents edited in their admin). An app adds the rows of
its own models. The key also holds the code's version (`code_version`), so a deploy starts
afresh. A value built after the facts were read is at least as new as they are, so nothing can
be kept half-old under a key; nothing cached is a privacy or permission decision (the caller
reads those afresh and, where the content differs by them, puts the answer in `state`; lists of
ids are read again among the live public pages).

Limits, by design (README): a page changed in code with no revision, no log entry and no new
page (the site's code never does so); `update_index` (clear the cache after it); and, on
PostgreSQL, two writes committing out of the order of their keys, which leaves the newest key
as it was until the next change (ids are taken before commit).
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    Site,
)

TIMEOUT = 60 * 60
CODE_FOLDERS = ("site", "courses", "toolbox", "projects", "templates")
CODE_SUFFIXES = {".py", ".html", ".mo"}
NEWEST = {
    "last_page": Page,
    "revision": Revision,
    "log": PageLogEntry,
    "last_restriction": PageViewRestriction,
    "model_log": ModelLogEntry,
}


def content_facts(page=None, **extra):
    """`extra`: {name: model} of the app's own rows whose newest key the value depends on;
    without `page`, no `numchild`.

    Raw SQL, built from the models' tables: the same query through the ORM (a subquery per
    fact) took 1.36 ms to build and run against 0.03 ms (the toolbox's key, median of 500 in
    process, SQLite, 2 December 2026), on every page that reads it. Each subquery is one index
    lookup (`MAX` of a primary key, the `COUNT` of a table of a few rows)."""
    newest = {**NEWEST, **extra}
    quote = connection.ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    columns = [
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {table(model)})"
        for model in newest.values()
    ]
    columns.append(f"(SELECT COUNT(*) FROM {table(PageViewRestriction)})")
    names = [*newest, "restrictions"]
    if page is None:
        sql, params = f"SELECT {', '.join(columns)}", []
    else:
        names.insert(0, "numchild")
        sql = (
            f"SELECT {quote('numchild')}, {', '.join(columns)} FROM {table(Page)} "
            f"WHERE {quote(Page._meta.pk.column)} = %s"
        )
        params = [page.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))


def site_rows():
    """Every Wagtail site as it is configured (hostname, port, root page, default), for a key
    of what depends on which site serves a request (a few rows, one query)."""
    quote = connection.ops.quote_name
    fields = ["id", "hostname", "port", "root_page_id", "is_default_site"]
    sql = f"SELECT {', '.join(quote(f) for f in fields)} FROM {quote(Site._meta.db_table)}"
    with connection.cursor() as cursor:
        cursor.execute(sql + f" ORDER BY {quote('id')}")
        return [tuple(row) for row in cursor.fetchall()]


@functools.cache
def code_version():
    """A digest of the code, templates and compiled translations, read once per process: a
    deploy that changes how a value is built or rendered (or its shape) makes new keys, even
    with a cache (Redis) that outlives the deploy."""
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached(name, page, state, facts, compute):
    """`compute()`, kept under a key of `name`, the code's version, the page (or None),
    `state` (what was asked: filters, language, the reader's kind) and `facts` (see
    `content_facts`)."""
    page_key = page.pk if page is not None else None
    parts = [name, code_version(), page_key, state, sorted(facts.items())]
    key = f"{name}:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
