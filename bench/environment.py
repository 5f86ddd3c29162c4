"""Where the benchmarks keep their data, and the production-like settings they run with
(shared by `make bench`, its scale mode and the two-instance tools)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def bench_environment():
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "canteen_site.settings.production",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": env.get("BENCH_DATABASE_URL", f"sqlite:///{VAR_DIR / 'bench.sqlite3'}"),
            "STATIC_ROOT": str(VAR_DIR / "bench-static"),
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *args], env=env, check=True)
