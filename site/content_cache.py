"""Content kept in the cache under a key read from the rows it is built from (the site's one
caching rule, README "Caching and speed").

`content_facts(page)` reads, in one query of index lookups (nothing in it walks a table), what
any change to the pages under `page` writes: the page's `numchild` (kept by the page tree, even
for deletions in code), the newest page, revision and page log entry (every publish, unpublish,
move or delete through Wagtail writes one), the view restrictions (how many and the newest: one
added or removed in any way, even without a log entry, makes a new key) and the newest model log
entry (images and documents edited in their admin). An app adds the rows of its own models.
A value built after the facts were read is at least as new as they are, so nothing can be kept
half-old under a key; nothing cached is a privacy or permission decision (the caller reads those
afresh and, where the content differs by them, puts the answer in `state`).
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import ModelLogEntry, Page, PageLogEntry, PageViewRestriction, Revision

TIMEOUT = 60 * 60


def newest(model):
    """The newest row's key of `model`, as a subquery for `content_facts(..., **extra)`."""
    return Subquery(model.objects.order_by("-pk").values("pk")[:1])


def content_facts(page, **extra):
    restrictions = (
        PageViewRestriction.objects.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(total=Count("pk"))
        .values("total")
    )
    facts = {
        "last_page": newest(Page),
        "revision": newest(Revision),
        "log": newest(PageLogEntry),
        "restrictions": Coalesce(Subquery(restrictions[:1]), 0),
        "last_restriction": newest(PageViewRestriction),
        "model_log": newest(ModelLogEntry),
        **extra,
    }
    return Page.objects.filter(pk=page.pk).annotate(**facts).values("numchild", *facts).get()


def cached(name, page, state, facts, compute):
    """`compute()`, kept under a key of `name`, the page, `state` (what was asked: filters,
    language, the reader's kind) and `facts` (see `content_facts`)."""
    parts = [name, page.pk, state, sorted(facts.items())]
    key = f"{name}:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
