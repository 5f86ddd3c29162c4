"""`/healthz/` is bare liveness; `/readyz/` says whether the database, the cache and the file
storages work, and answers 503 naming the failing part, for a load balancer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_liveness_is_bare(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")
    assert response.status_code == 200 and len(queries) == 0


def test_ready_when_every_part_answers(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "checks": {
            "database": "ok",
            "cache": "ok",
            "storage:default": "ok",
            "storage:private": "ok",
        },
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_cache_that_does_not_answer_is_named(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"
    assert response.json()["checks"]["database"] == "ok"


def test_a_storage_that_cannot_write_is_named(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/readyz/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["storage:default"] == "failing" and checks["storage:private"] == "ok"
