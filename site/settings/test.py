"""Test settings: fast hashing, plain static storage, mail kept in memory."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .base import *  # noqa: E402,F403
from .base import STORAGES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests of other features send their emails through the task at once: their test transaction
# never commits, so an email waiting for the commit would never leave. The queue's own tests
# (tests/test_emails_survive_a_mail_server_outage.py) switch back to the database backend, the
# commit and the worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "emails": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
EMAILS_QUEUED_ON_COMMIT = False
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    VAR_DIR.mkdir(exist_ok=True)  # a fresh checkout has no var/ yet
    # A file, not the shared in-memory database, so that threads (tests of concurrent writes)
    # wait for each other's transactions as they do in production; durability is not needed.
    # One file per test process, so that two test runs at once never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;"
    )

# Under pytest-xdist each worker has its own database (pytest-django adds a suffix) and, with a
# shared Redis, its own Redis database: a test that empties the cache empties only its worker's.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _base, _, _db = CACHES["default"]["LOCATION"].rpartition("/")  # noqa: F405
    CACHES["default"]["LOCATION"] = f"{_base}/{int(_db or 0) + 1 + int(_worker[2:])}"  # noqa: F405
