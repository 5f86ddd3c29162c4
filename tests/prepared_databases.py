"""The migrated database and the demo content, built once for each version of the code and
copied for every test process.

Migrating an empty database takes about 20 seconds (rendering the migrations' model states) and
`load_demo` about as long again (a minute on PostgreSQL); they were done in every test process
(two pytest-xdist workers, then the browser tests). Here the first process to need them builds,
under a lock, a migrated template database (with its serialised state, for the tests that roll
back by serialisation) and the demo's rows and files; every process then copies the template
(SQLite's backup, PostgreSQL's CREATE DATABASE ... TEMPLATE) as its test database, and tests
that ask for the demo write its rows back (tests/demo_snapshot.py). (Loading the demo in a
background process while the first tests ran was measured slower on two cores.)

What is built is named after a digest of the code that shapes it (the apps, the demo data, the
versions of Django and Wagtail, the database): any change to them builds afresh, so nothing is
ever reused stale. It lives in var/test-databases (SQLite) or as a PostgreSQL database named
test_<name>_tpl_<digest>.
"""

import fcntl
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sqlite3
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.demo_snapshot import take_snapshot

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    "site",
    "courses",
    "toolbox",
    "projects",
    "demo",
    "tests/demo_snapshot.py",
    "tests/prepared_databases.py",
)
CACHE_DIR = ROOT / "var" / "test-databases"


def code_digest():
    digest = hashlib.sha256()
    for package in ("django", "wagtail", "django-treebeard"):
        digest.update(f"{package}={importlib.metadata.version(package)};".encode())
    digest.update(connection.vendor.encode())
    for source in SOURCES:
        paths = [ROOT / source] if (ROOT / source).is_file() else (ROOT / source).rglob("*")
        for path in sorted(paths):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Prepared:
    """The template database, the migrated state serialised, the demo's rows and files."""

    def __init__(self):
        self.vendor = connection.vendor
        self.digest = code_digest()
        self.folder = CACHE_DIR / f"{self.vendor}-{self.digest}"
        if self.vendor == "sqlite":
            self.template = str(self.folder / "migrated.sqlite3")
        else:
            self.template = f"test_{settings.DATABASES['default']['NAME']}_tpl_{self.digest}"
        self._rows = None

    # What was built

    @property
    def media(self):
        return self.folder / "media"

    @property
    def private(self):
        return self.folder / "private"

    def migrated_state(self):
        return (self.folder / "migrated.json").read_text(encoding="utf-8")

    def demo_rows(self):
        if self._rows is None:
            with open(self.folder / "demo.pickle", "rb") as file:
                self._rows = pickle.load(file)
        return self._rows

    def copy_demo_files(self, media_root, private_root):
        for source, target in ((self.media, media_root), (self.private, private_root)):
            if source.exists():
                shutil.copytree(source, target, dirs_exist_ok=True)

    # Building, once

    def ensure(self):
        if self._ready():
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        # PostgreSQL's template is shared by every checkout on this machine: so is its lock.
        lock_dir = CACHE_DIR if self.vendor == "sqlite" else Path("/tmp")
        with _locked(lock_dir / f"canteen-test-{self.vendor}-{self.digest}.lock"):
            if not self._ready():
                self._build()

    def _ready(self):
        return (self.folder / "demo.pickle").exists() and _exists(self.template)

    def _build(self):
        for old in CACHE_DIR.glob(f"{self.vendor}-*"):
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        if self.vendor != "sqlite":
            _drop_older_templates(self.template)
        building = CACHE_DIR / f"{self.vendor}-{self.digest}.building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        work = _name_beside(self.template, building, f"work_{os.getpid()}")
        original = connection.settings_dict["NAME"]
        try:
            _create_empty(work)
            _use(work)
            call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
            (building / "migrated.json").write_text(
                connection.creation.serialize_db_to_string(), encoding="utf-8"
            )
            _use(original)
            if self.vendor == "sqlite":
                _copy(work, str(building / "migrated.sqlite3"))
            elif not _exists(self.template):
                _copy(work, self.template)
            _use(work)
            with override_settings(
                MEDIA_ROOT=building / "media", PRIVATE_MEDIA_ROOT=building / "private"
            ):
                call_command("load_demo", "--allow-demo-accounts", verbosity=0)
                rows = take_snapshot()
            with open(building / "demo.pickle", "wb") as file:
                pickle.dump(rows, file, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            _use(original)
            _drop(work)
        shutil.rmtree(self.folder, ignore_errors=True)
        os.replace(building, self.folder)


def clone_for_this_process(prepared):
    """Make this process's test database a copy of the template, as Django's create_test_db
    would by migrating; returns what django.test.utils.teardown_databases expects."""
    creation = connection.creation
    test_name = creation._get_test_db_name()
    old_name = connection.settings_dict["NAME"]
    _copy(prepared.template, test_name)
    _use(test_name)
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection._test_serialized_contents = prepared.migrated_state()
    connection.ensure_connection()
    return [(connection, old_name, True)]


# The few operations that differ between SQLite (files) and PostgreSQL (databases)


def _use(name):
    connection.close()
    connection.settings_dict["NAME"] = name


def _name_beside(template, folder, suffix):
    if connection.vendor == "sqlite":
        return str(folder / f"{suffix}.sqlite3")
    return f"{template}_{suffix}"


@contextmanager
def _admin_cursor():
    with connection.creation._nodb_cursor() as cursor:
        yield cursor


def _exists(name):
    if connection.vendor == "sqlite":
        return Path(name).exists()
    with _admin_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _drop(name):
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    with _admin_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def _drop_older_templates(template):
    prefix = template.rsplit("_", 1)[0] + "_"
    with _admin_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
            [prefix, template],
        )
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        # Another checkout may be copying it this very moment: then it is left for later.
        with suppress(Exception):
            _drop(name)


def _create_empty(name):
    _drop(name)
    if connection.vendor != "sqlite":
        with _admin_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def _copy(source, target):
    _drop(target)
    if connection.vendor == "sqlite":
        partial = target + ".partial"
        with sqlite3.connect(source) as origin, sqlite3.connect(partial) as copy:
            origin.backup(copy)
        origin.close()
        copy.close()
        os.replace(partial, target)
        return
    quote = connection.ops.quote_name
    with _admin_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


@contextmanager
def _locked(path):
    with open(path, "w") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
