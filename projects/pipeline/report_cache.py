"""The history-derived reports (funnel, time in stage) kept in the cache, keyed on their rows.

They read every project and every stage change: their cost grows with years of history. The
key holds what they are computed from: the filters, the latest `updated_at` of any project
(every service that changes a project saves it, archiving included, and projects are never
deleted, so a project entering or leaving the filtered ones moves it too) and the latest stage
change (the history is append-only). Any change computes them afresh at the next request; the
key costs two index lookups, whatever the number of projects (a count of the filtered projects
grew with them). `hourly` adds the hour: the time spent in the current stage grows with the
clock.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from projects.models import Project, StageChange

TIMEOUT = 60 * 60


def rows_key(name, params, *, hourly=False):
    updated = Project.objects.aggregate(last=Max("updated_at"))["last"]
    change = StageChange.objects.aggregate(last=Max("id"))["last"]
    parts = [name, params, updated, change]
    if hourly:
        parts.append(timezone.now().strftime("%Y%m%d%H"))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"pipeline-report:{digest}"


def cached_report(name, params, compute, *, hourly=False):
    key = rows_key(name, params, hourly=hourly)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
