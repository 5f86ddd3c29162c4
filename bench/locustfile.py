"""The load of `make load` (locust): a learner, a team member and head office, each browsing
their pages with no pause, each request sent to one of the two instances at random (the
session, stored in the shared database, works on both). Started by bench/load.py, which sets
LOAD_INSTANCES (the instances' addresses), LOAD_PAGES (JSON: role -> [name, path] list),
LOAD_SESSIONS (JSON: role -> cookies of a signed-in session) and LOAD_REPORT (where the figures
are written)."""

import json
import os
import random

from locust import HttpUser, constant, events, task

INSTANCES = os.environ.get("LOAD_INSTANCES", "").split(",")
PAGES = json.loads(os.environ.get("LOAD_PAGES", "{}"))
SESSIONS = json.loads(os.environ.get("LOAD_SESSIONS", "{}"))
STATUSES = {}


@events.request.add_listener
def count_status(response=None, exception=None, **kwargs):
    status = response.status_code if response is not None and not exception else "error"
    STATUSES[status] = STATUSES.get(status, 0) + 1


@events.quitting.add_listener
def report(environment, **kwargs):
    total = environment.stats.total
    server_errors = sum(n for status, n in STATUSES.items() if status == "error" or status >= 500)
    figures = {
        "requests": total.num_requests,
        "seconds": (total.last_request_timestamp or total.start_time) - total.start_time,
        "p50_ms": total.get_response_time_percentile(0.5),
        "p99_ms": total.get_response_time_percentile(0.99),
        "statuses": {str(status): n for status, n in sorted(STATUSES.items(), key=str)},
        "server_errors": server_errors,
        "failures": total.num_failures,
        "by_page": {
            name: {"requests": entry.num_requests, "p50_ms": entry.median_response_time}
            for (name, _method), entry in sorted(environment.stats.entries.items())
        },
    }
    with open(os.environ["LOAD_REPORT"], "w") as out:
        json.dump(figures, out, indent=2)
    if server_errors or total.num_failures:
        environment.process_exit_code = 1


class Visitor(HttpUser):
    abstract = True
    wait_time = constant(0)
    host = INSTANCES[0]  # each request names its instance; locust wants a default
    role = ""

    def on_start(self):
        # Signed in once per role before the load (bench/load.py): the password hash is slow on
        # purpose, and sign-ins are not what is measured.
        self.client.cookies.update(SESSIONS[self.role])

    @task
    def browse(self):
        name, path = random.choice(PAGES[self.role])
        with self.client.get(
            random.choice(INSTANCES) + path, name=f"{self.role}: {name}", catch_response=True
        ) as answer:
            if answer.status_code != 200:  # a redirect to the login page is no page served
                answer.failure(f"answered {answer.status_code}")


class Learner(Visitor):
    role = "learner"


class TeamMember(Visitor):
    role = "team_member"


class HeadOffice(Visitor):
    role = "head_office"
