"""`make bench BENCH_ARGS=--scale`: how head office's pages and the toolbox search grow with data.

Two databases are filled, each once (the loaders do nothing when the data is there):
1×: the demo, 500 projects, 20,000 timeline events and the demo's toolbox (33 resources);
10×: the demo, 5,000 projects, 200,000 events and 3,000 toolbox resources (bench/large_data.py).
Each page is then timed inside one process per size (Django's test client, production settings,
DEBUG off), after two warm-up requests, with its SQL query count: the sizes take turns page by
page (`--rounds` turns of `--repeat` requests), and the growth (10× time / 1× time) of each turn
is compared, as the median of the turns, with the target of issue 19: at most 1.10.
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


def _toolbox_search(words):
    def path():
        from toolbox.models import ToolboxIndexPage

        return ToolboxIndexPage.objects.live().first().url + "?q=" + words

    return path


def _toolbox_most_used():
    from toolbox.models import ToolboxIndexPage

    return ToolboxIndexPage.objects.live().first().url + "?sort=most_used"


# (name, path, login, rows to read of a streamed response or None, growth target or None)
PAGES = [
    ("board", _pipeline("board"), HEAD_OFFICE, None, TARGET),
    ("funnel", _pipeline("funnel"), HEAD_OFFICE, None, TARGET),
    ("time_in_stage", _pipeline("time_in_stage"), HEAD_OFFICE, None, TARGET),
    ("stalled", _pipeline("stalled"), HEAD_OFFICE, None, TARGET),
    ("map", _pipeline("map"), HEAD_OFFICE, None, TARGET),
    ("review_queue", _pipeline("review"), HEAD_OFFICE, None, TARGET),
    ("trainers_report", _course_report, HEAD_OFFICE, None, TARGET),
    ("exports", _pipeline("exports"), HEAD_OFFICE, None, TARGET),
    ("export_projects", _pipeline("export_projects"), HEAD_OFFICE, 100, TARGET),
    ("export_history", _pipeline("export_history"), HEAD_OFFICE, 100, TARGET),
    # The same 4 results at both sizes: what grows is the index searched.
    ("toolbox_search", _toolbox_search("securite+sanitaire"), None, None, TARGET),
    # Results that grow with the toolbox (about 1,000 at 10x), for information: the counts by
    # stage, type and topic cover every match and the page fills up.
    ("toolbox_search_broad", _toolbox_search("cantine"), None, None, None),
    ("toolbox_most_used", _toolbox_most_used, None, None, TARGET),
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


PREFIX = "bench-scale "


def serve():
    """In a child process with DJANGO_SETTINGS_MODULE and DATABASE_URL of one size: reads
    "<page> <requests>" lines and answers each with the times of that many requests (after two
    warm-up requests and a count of the SQL queries the first time a page is asked for)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS.append("testserver")
    pages = {name: (path, login, rows) for name, path, login, rows, _target in PAGES}
    ready = {}
    for line in sys.stdin:
        name, repeat = line.split()
        path, login, rows = pages[name]
        if name not in ready:
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
            ready[name] = (client, url, len(queries))
        client, url, count = ready[name]
        times = []
        for _ in range(int(repeat)):
            start = time.perf_counter()
            _read(client.get(url), rows)
            times.append((time.perf_counter() - start) * 1000)
        print(PREFIX + json.dumps({"ms": times, "queries": count}), flush=True)


class Size:
    """A child process serving one size's database."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.scale"],
            env={**os.environ, **env},
            cwd=BASE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def time(self, name, repeat):
        self.process.stdin.write(f"{name} {repeat}\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith(PREFIX):
                return json.loads(line[len(PREFIX) :])
        raise SystemExit(f"the {name} measure stopped: see the error above")

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main(repeat=9, only=None, rounds=7):
    VAR_DIR.mkdir(exist_ok=True)
    environments = {size: prepare(size) for size in SIZES}
    sizes = {size: Size(env) for size, env in environments.items()}
    # Page by page, the sizes take turns (in both orders), a few requests at a time: a busy
    # moment of the machine then weighs on both sizes alike. Each page's growth is the median
    # of the growths of its turns.
    figures = {}
    try:
        for name, _path, _login, _rows, target in PAGES:
            if only and name not in only:
                continue
            medians, ratios, queries = {"1x": [], "10x": []}, [], {}
            for turn in range(rounds):
                order = ["1x", "10x"] if turn % 2 == 0 else ["10x", "1x"]
                for size in order:
                    result = sizes[size].time(name, repeat)
                    medians[size].append(statistics.median(result["ms"]))
                    queries[size] = result["queries"]
                ratios.append(medians["10x"][-1] / medians["1x"][-1])
            figures[name] = (
                statistics.median(medians["1x"]),
                statistics.median(medians["10x"]),
                statistics.median(ratios),
                target,
                queries,
            )
    finally:
        for size in sizes.values():
            size.close()
    print(
        f"Scale: {rounds} turns of {repeat} requests per page and size, in process, "
        f"{os.cpu_count()} cores; ms: median of the turns' medians; growth: median of the "
        "turns' growths"
    )
    print(f"{'page':<22}{'1x ms':>9}{'10x ms':>9}{'growth':>8}{'target':>8}{'SQL 1x':>8}{'10x':>5}")
    failures = []
    for name, (small, large, ratio, target, queries) in figures.items():
        mark = "" if target is None or ratio <= target else "  above target"
        if mark:
            failures.append(name)
        shown = "-" if target is None else f"{target:.2f}"
        print(
            f"{name:<22}{small:>9.1f}{large:>9.1f}{ratio:>8.2f}"
            f"{shown:>8}{queries['1x']:>8}{queries['10x']:>5}{mark}"
        )
    print("1x: demo + 500 projects, 20,000 events, 33 resources; 10x: 5,000 projects,")
    print("200,000 events, 3,000 resources (the demo's 33, the others of made-up words).")
    print("Exports: time to their first 100 rows. Target -: for information.")
    if failures:
        print("Above target: " + ", ".join(failures))


if __name__ == "__main__":
    serve()
