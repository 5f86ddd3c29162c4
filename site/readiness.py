"""Readiness: whether this instance can serve, for a load balancer (`/readyz/`).

Each check touches the real service: the database answers a query, the cache stores and returns a
value, and each file storage (but static files, served from the instance itself) writes, reads
and deletes a small file. Nothing here is cached.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

PROBE_DIR = "readiness"


def check_database():
    connection.ensure_connection()
    return connection.is_usable()


def check_cache():
    key, value = f"readiness-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    ok = cache.get(key) == value
    cache.delete(key)
    return ok


def check_storage(alias):
    storage = storages[alias]
    content = uuid.uuid4().hex.encode()
    name = storage.save(f"{PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with storage.open(name) as probe:
            return probe.read() == content
    finally:
        storage.delete(name)


def checks():
    found = {"database": check_database, "cache": check_cache}
    for alias in settings.STORAGES:
        if alias != "staticfiles":
            found[f"storage:{alias}"] = lambda alias=alias: check_storage(alias)
    return found


def check_all():
    """{part: whether it works}; a check that raises counts as failing."""
    results = {}
    for name, check in checks().items():
        try:
            results[name] = bool(check())
        except Exception:
            results[name] = False
    return results
