"""Two instances of the site on this machine, as several servers behind a proxy would run it.

Both are gunicorn servers (production settings but for HTTPS and the static files, see
`bench.cluster_settings`) on loopback ports, sharing the local PostgreSQL server (a database of
their own), the local Redis server (a database of its own) and one S3 object store: moto's S3
emulator in server mode, on a loopback port. The emulator stands in for a real store (AWS S3,
Scaleway, OVHcloud, Garage, MinIO...) that no package installs here; it speaks the same HTTP API.

Used by the two-instance test (tests/multi_instance) and by `make load` (bench/load.py).
"""

import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_URL = "redis://127.0.0.1:6379/{db}"
S3_CREDENTIALS = {"S3_ACCESS_KEY_ID": "emulator", "S3_SECRET_ACCESS_KEY": "emulator"}
S3_REGION = "eu-west-3"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def psql(*commands, database="postgres"):
    import psycopg

    with psycopg.connect(dbname=database, autocommit=True, **PG) as connection:
        results = []
        for command in commands:
            cursor = connection.execute(command)
            results.append(cursor.fetchall() if cursor.description else None)
        return results


def query(database, sql, params=()):
    import psycopg

    with psycopg.connect(dbname=database, **PG) as connection:
        return connection.execute(sql, params).fetchall()


def ensure_services():
    """Start the local PostgreSQL and Redis servers when they are not running (as .ci/run)."""
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True
        )
    ping = ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"]
    if subprocess.run(ping, capture_output=True).returncode:
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--daemonize"]
            + ["yes"],
            check=True,
            capture_output=True,
        )
    for _ in range(30):
        ready = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"])
        if not ready.returncode and not subprocess.run(ping, capture_output=True).returncode:
            return
        time.sleep(1)
    raise RuntimeError("PostgreSQL or Redis did not start")


class S3Emulator:
    """moto's S3 server on a loopback port, with the site's bucket."""

    def __init__(self, bucket="cantines"):
        self.bucket = bucket

    def __enter__(self):
        import boto3
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per S3 request
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=S3_CREDENTIALS["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_CREDENTIALS["S3_SECRET_ACCESS_KEY"],
            region_name=S3_REGION,
        )
        self.client.create_bucket(
            Bucket=self.bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
        )
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def environment(self):
        return {
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": S3_REGION,
            **S3_CREDENTIALS,
        }


def migrations_key():
    """A digest of every migration file: a migrated template database is reused while it holds."""
    digest = hashlib.sha256()
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


class Cluster:
    """Two gunicorn instances (A and B) sharing a fresh database, Redis and the S3 emulator.

    The database is copied from a migrated template (built once per set of migrations: migrating
    takes about 25 s here); `prepare` fills it (the demo, or a test's own data) through
    `manage.py`, as an operator would, before the instances start.
    """

    def __init__(self, name, redis_db, workers=2, graceful_timeout=20):
        self.database = name
        self.redis_url = REDIS_URL.format(db=redis_db)
        self.workers = workers
        self.graceful_timeout = graceful_timeout
        self.servers = {}
        self.urls = {}

    def environment(self, s3):
        env = dict(os.environ)
        for name in ("DATABASE_URL", "REDIS_URL", "SENTRY_DSN", "PYTEST_XDIST_WORKER"):
            env.pop(name, None)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "bench.cluster_settings",
                "SECRET_KEY": "cluster-only-" + "x" * 50,
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.database}",
                "REDIS_URL": self.redis_url,
                "CACHE_KEY_PREFIX": self.database,
                "VAR_DIR": str(VAR_DIR / self.database),
                "LOG_LEVEL": "ERROR",
                **s3.environment(),
            }
        )
        return env

    def create_database(self):
        template = f"cantines_template_{migrations_key()}"
        exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{template}'")[0]
        if not exists:
            building = f"{template}_building"
            psql(f'DROP DATABASE IF EXISTS "{building}"', f'CREATE DATABASE "{building}"')
            env = dict(self.env, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{building}")
            self.manage("migrate", "--noinput", "-v0", env=env)
            psql(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        psql(
            f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            f'CREATE DATABASE "{self.database}" TEMPLATE "{template}"',
        )
        subprocess.run(
            ["redis-cli", "-u", self.redis_url, "flushdb"], check=True, capture_output=True
        )

    def manage(self, *args, env=None, capture=False):
        result = subprocess.run(
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            env=env or self.env,
            cwd=BASE_DIR,
            check=True,
            capture_output=capture,
            text=True,
        )
        return result.stdout

    def start(self, name):
        port = free_port()
        self.urls[name] = f"http://127.0.0.1:{port}"
        self.servers[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "canteen_site.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--graceful-timeout",
                str(self.graceful_timeout),
                "--log-level",
                "warning",
                "--no-control-socket",  # two servers on one machine would share its path
            ],
            env=self.env,
            cwd=BASE_DIR,
        )

    def wait_until_ready(self, name, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.servers[name].poll() is not None:
                raise RuntimeError(f"instance {name} stopped before serving")
            try:
                with urllib.request.urlopen(self.urls[name] + "/readyz/", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"instance {name} was not ready in {timeout} s")

    def stop(self, name, timeout=None):
        """SIGTERM, as a deployment or an autoscaler does: gunicorn finishes the requests in
        flight (up to the graceful timeout), then exits. Returns its exit code."""
        server = self.servers[name]
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        return server.wait(timeout=timeout or self.graceful_timeout + 10)

    def run(self, s3, prepare):
        """Start everything; `prepare(cluster)` fills the database before the instances start."""
        self.env = self.environment(s3)
        (VAR_DIR / self.database / "static").mkdir(parents=True, exist_ok=True)
        self.create_database()
        prepared = prepare(self)
        for name in ("A", "B"):
            self.start(name)
        for name in ("A", "B"):
            self.wait_until_ready(name)
        return prepared

    def close(self):
        for server in self.servers.values():
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
        for name in list(self.servers):
            try:
                self.stop(name)
            except subprocess.TimeoutExpired:
                self.servers[name].kill()
