"""`make bench BENCH_ARGS=--scale`: how head office's pages and the toolbox search grow with data.

Two databases are filled, each once (the loaders do nothing when the data is there):
1×: the demo, 500 projects, 20,000 timeline events and the demo's toolbox (33 resources);
10×: the demo, 5,000 projects, 200,000 events and 3,000 toolbox resources. Each page is then
timed inside one process per size (Django's test client, production settings, DEBUG off): the
median of `--repeat` requests after two warm-up requests, and its SQL query count. The growth
ratio (10× time / 1× time) is compared with the target of issue 19: at most 1.10.
A CSV export is timed to its first 100 rows (it streams: the whole file grows with the data).
"""

import json
import os
import statistics
import subprocess
import sys
import time

from .environment import BASE_DIR, VAR_DIR, bench_environment, manage

HEAD_OFFICE = "siege@example.org"
TARGET = 1.10
SIZES = {
    "1x": {"projects": 500, "events": 20_000, "resources": 0},
    "10x": {"projects": 5_000, "events": 200_000, "resources": 3_000},
}


def _pipeline(name):
    def path():
        from django.urls import reverse

        return reverse(f"pipeline:{name}")

    return path


def _course_report():
    from django.urls import reverse

    return reverse("course_report:index")


def _toolbox_search():
    from toolbox.models import ToolboxIndexPage

    return ToolboxIndexPage.objects.live().first().url + "?q=securite+sanitaire"


def _toolbox_most_used():
    from toolbox.models import ToolboxIndexPage

    return ToolboxIndexPage.objects.live().first().url + "?sort=most_used"


# (name, path, login, rows to read of a streamed response or None)
PAGES = [
    ("board", _pipeline("board"), HEAD_OFFICE, None),
    ("funnel", _pipeline("funnel"), HEAD_OFFICE, None),
    ("time_in_stage", _pipeline("time_in_stage"), HEAD_OFFICE, None),
    ("stalled", _pipeline("stalled"), HEAD_OFFICE, None),
    ("map", _pipeline("map"), HEAD_OFFICE, None),
    ("review_queue", _pipeline("review"), HEAD_OFFICE, None),
    ("trainers_report", _course_report, HEAD_OFFICE, None),
    ("exports", _pipeline("exports"), HEAD_OFFICE, None),
    ("export_projects", _pipeline("export_projects"), HEAD_OFFICE, 100),
    ("export_history", _pipeline("export_history"), HEAD_OFFICE, 100),
    ("toolbox_search", _toolbox_search, None, None),
    ("toolbox_most_used", _toolbox_most_used, None, None),
]


def size_environment(size):
    env = bench_environment()
    default = env["DATABASE_URL"]
    if default.startswith("sqlite"):
        env["DATABASE_URL"] = f"sqlite:///{VAR_DIR / f'bench-scale-{size}.sqlite3'}"
    else:  # a PostgreSQL URL: one database per size, next to the one given
        env["DATABASE_URL"] = f"{default.rstrip('/')}_scale_{size}"
    return env


def prepare(size):
    env = size_environment(size)
    figures = SIZES[size]
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--allow-demo-accounts")
    manage(
        env,
        "load_large_data",
        f"--projects={figures['projects']}",
        f"--events={figures['events']}",
        f"--resources={figures['resources']}",
    )
    if not env["DATABASE_URL"].startswith("sqlite"):
        # What autovacuum would do some time after a bulk load: statistics for the planner.
        analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
        manage(env, "shell", "-c", analyze)
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def _read(response, rows):
    if rows is None:
        return response.content
    count = 0
    for _chunk in response.streaming_content:
        count += 1
        if count > rows:
            break
    response.close()
    return count


def measure(repeat):
    """In the child process, with DJANGO_SETTINGS_MODULE and DATABASE_URL of one size."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS.append("testserver")
    only = set(filter(None, os.environ.get("BENCH_SCALE_ONLY", "").split(",")))
    results = {}
    for name, path, login, rows in PAGES:
        if only and name not in only:
            continue
        client = Client()
        if login:
            client.force_login(get_user_model().objects.get(email=login))
        url = path()
        for _ in range(2):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            _read(response, rows)
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, seen=queries: seen.append(sql) or execute(sql, *args)
        ):
            _read(client.get(url), rows)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            _read(client.get(url), rows)
            times.append((time.perf_counter() - start) * 1000)
        results[name] = {"ms": statistics.median(times), "queries": len(queries)}
    print(json.dumps(results))


def main(repeat=15, only=None, rounds=2):
    VAR_DIR.mkdir(exist_ok=True)
    environments = {size: prepare(size) for size in SIZES}
    figures = {size: {} for size in SIZES}
    # The sizes take turns, and each page keeps its best median: other work on the machine
    # then weighs on both sizes alike.
    for _round in range(rounds):
        for size, env in environments.items():
            output = subprocess.run(
                [sys.executable, "-m", "bench.scale", str(repeat)],
                env={**os.environ, **env, "BENCH_SCALE_ONLY": ",".join(only or [])},
                cwd=BASE_DIR,
                stdout=subprocess.PIPE,
                text=True,
                check=True,
            ).stdout
            for name, result in json.loads(output.strip().splitlines()[-1]).items():
                best = figures[size].get(name)
                if best is None or result["ms"] < best["ms"]:
                    figures[size][name] = result
    small, large = figures["1x"], figures["10x"]
    print(
        f"Scale: best of {rounds} medians of {repeat} requests per page, in process, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'page':<20}{'1x ms':>9}{'10x ms':>9}{'ratio':>8}{'target':>8}{'SQL 1x':>8}{'10x':>5}")
    failures = []
    for name, *_rest in PAGES:
        if name not in small or name not in large:
            continue
        ratio = large[name]["ms"] / small[name]["ms"]
        mark = "" if ratio <= TARGET else "  above target"
        if mark:
            failures.append(name)
        print(
            f"{name:<20}{small[name]['ms']:>9.1f}{large[name]['ms']:>9.1f}{ratio:>8.2f}"
            f"{TARGET:>8.2f}{small[name]['queries']:>8}{large[name]['queries']:>5}{mark}"
        )
    print("1x: demo + 500 projects, 20,000 events, 33 resources; 10x: 5,000 projects,")
    print("200,000 events, 3,000 resources. Exports: time to their first 100 rows.")
    if failures:
        print("Above target: " + ", ".join(failures))


if __name__ == "__main__":
    measure(int(sys.argv[1]))
