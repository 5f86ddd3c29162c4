"""The history-derived reports (funnel, time in stage) kept in the cache, keyed on their rows.

They read every project and every stage change: their cost grows with years of history. The
key holds what they are computed from (the filters, the number of projects and their latest
`updated_at`, the latest stage change; every service that changes a stage or a status saves
`updated_at` and the history is append-only), so any change computes them afresh at the next
request; the key costs two aggregate queries. `hourly` adds the hour: the time spent in the
current stage grows with the clock.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from projects.models import StageChange

TIMEOUT = 60 * 60


def rows_key(name, queryset, params, *, hourly=False):
    facts = queryset.order_by().aggregate(projects=Count("pk"), updated=Max("updated_at"))
    change = StageChange.objects.aggregate(last=Max("id"))["last"]
    parts = [name, params, facts["projects"], facts["updated"], change]
    if hourly:
        parts.append(timezone.now().strftime("%Y%m%d%H"))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"pipeline-report:{digest}"


def cached_report(name, queryset, params, compute, *, hourly=False):
    key = rows_key(name, queryset, params, hourly=hourly)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
