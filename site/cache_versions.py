"""Named versions that key cached values: bump a name and everything cached under it is stale.

A version is a random token kept in the cache itself. It is changed at once and again when the
transaction commits, so that a value computed in between (from data not yet committed) is never
kept under the final version. With several worker processes the cache must be shared
(REDIS_URL) for a change to show everywhere at once; otherwise another worker may serve the old
value until it expires.
"""

import uuid

from django.core.cache import cache
from django.db import transaction


def version(name):
    key = f"version:{name}"
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, None)
        current = cache.get(key, "")
    return current


def bump(name):
    def change():
        cache.set(f"version:{name}", uuid.uuid4().hex, None)

    change()
    transaction.on_commit(change)


MISSING = object()


def cached(name, key, build, seconds):
    """The value stored for `key` under the current version of `name`, built when missing."""
    full_key = f"{name}:{version(name)}:{key}"
    value = cache.get(full_key, MISSING)
    if value is MISSING:
        value = build()
        cache.set(full_key, value, seconds)
    return value
