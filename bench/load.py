"""`make load`: a bounded load on two instances of the site (bench.cluster: gunicorn, PostgreSQL,
Redis, moto's S3 emulator, all on this machine's loopback) with the demo content: 16 clients for
60 s (locust, bench/locustfile.py), as a learner, a team member and head office. Prints the
throughput, p50, p99 and the count of 5xx answers; exits non-zero on any 5xx or failed request.

    python -m bench.load [--users 16] [--seconds 60] [--workers 2]
"""

import argparse
import json
import os
import subprocess
import sys

from .cluster import VAR_DIR, Cluster, S3Emulator, ensure_services

DATABASE = "cantines_load"

# The pages of each role: `bench.pages` names them (they are `make bench`'s pages).
ROLES = {
    "learner": ["home", "catalogue", "lesson", "search"],
    "team_member": ["team_space", "thread", "toolbox_facets", "toolbox_search"],
    "head_office": ["pipeline_board", "pipeline_funnel", "pipeline_map", "team_space"],
}
RESOLVE = (
    "import json; from bench.pages import PAGES; "
    "print(json.dumps({p.name: p.path() if callable(p.path) else p.path for p in PAGES}))"
)


ACCOUNTS = {
    "learner": "equipe.senlis@example.org",
    "team_member": "equipe.bagnolet@example.org",
    "head_office": "siege@example.org",
}
PASSWORD = "cantine-demo"  # the demo accounts' (demo/data/accounts.yaml)


def sign_in(base, email):
    """The cookies of a session signed in through the sign-in form."""
    import requests

    session = requests.Session()
    session.get(base + "/comptes/login/", timeout=30).raise_for_status()
    answer = session.post(
        base + "/comptes/login/",
        {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise SystemExit(f"{email} could not sign in ({answer.status_code})")
    return session.cookies.get_dict()


def prepare(cluster):
    cluster.manage("load_demo", "--allow-demo-accounts", "-v0")
    paths = json.loads(cluster.manage("shell", "-c", RESOLVE, capture=True).splitlines()[-1])
    return {role: [[name, paths[name]] for name in names] for role, names in ROLES.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args()

    ensure_services()
    report = VAR_DIR / "load-report.json"
    cluster = Cluster(DATABASE, redis_db=7, workers=args.workers)
    print("Preparing two instances with the demo content (about a minute)...", flush=True)
    with S3Emulator() as s3:
        try:
            pages = cluster.run(s3, prepare)
            env = {
                **os.environ,
                "LOAD_INSTANCES": ",".join(cluster.urls.values()),
                "LOAD_PAGES": json.dumps(pages),
                "LOAD_SESSIONS": json.dumps(
                    {role: sign_in(cluster.urls["A"], email) for role, email in ACCOUNTS.items()}
                ),
                "LOAD_REPORT": str(report),
            }
            command = [
                sys.executable, "-m", "locust", "-f", "bench/locustfile.py", "--headless",
                "--users", str(args.users), "--spawn-rate", str(args.users),
                "--run-time", f"{args.seconds}s", "--only-summary", "--loglevel", "WARNING",
            ]  # fmt: skip
            locust = subprocess.run(command, env=env, cwd=VAR_DIR.parent)
        finally:
            cluster.close()
    figures = json.loads(report.read_text())
    print()
    print(
        f"{args.users} clients, {args.seconds} s, 2 instances x {args.workers} gunicorn "
        f"workers, {os.cpu_count()} cores"
    )
    print(f"requests:   {figures['requests']}")
    print(f"throughput: {figures['requests'] / figures['seconds']:.1f} requests/s")
    print(f"p50:        {figures['p50_ms']:.0f} ms")
    print(f"p99:        {figures['p99_ms']:.0f} ms")
    print(f"5xx:        {figures['server_errors']}")
    print(f"statuses:   {figures['statuses']}")
    if figures["server_errors"] or figures["failures"] or locust.returncode:
        raise SystemExit(f"FAILED: {figures['server_errors']} 5xx, {figures['failures']} failures")


if __name__ == "__main__":
    main()
