"""Two instances, one site: whatever is done through one instance is seen through the other at
once, and stopping an instance mid-load loses no write.

Two gunicorn servers (bench.cluster) share the local PostgreSQL and Redis servers and moto's S3
emulator; everything is checked through HTTP, as a browser behind a load balancer would see it.
Needs PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379), started if they are
not running: run by `.ci/run` and `make test-instances`, outside the ordinary suite
(`--ignore=tests/multi_instance`), which runs on SQLite too.
"""

import json
import threading
import time

import pytest
import requests

from bench.cluster import Cluster, S3Emulator, ensure_services, query
from tests.multi_instance.seed import DOCUMENT, PASSWORD

DATABASE = "cantines_two_instances"
TIMEOUT = 30


@pytest.fixture(scope="module")
def site():
    ensure_services()
    cluster = Cluster(DATABASE, redis_db=6, workers=2, graceful_timeout=20)

    def prepare(cluster):
        output = cluster.manage(
            "shell", "-c", "from tests.multi_instance.seed import run; run()", capture=True
        )
        return json.loads(output.strip().splitlines()[-1])

    with S3Emulator() as s3:
        try:
            paths = cluster.run(s3, prepare)
            yield cluster, paths, s3
        finally:
            cluster.close()


def log_in(base, paths, email):
    session = requests.Session()
    session.get(base + paths["login"], timeout=TIMEOUT).raise_for_status()
    answer = session.post(
        base + paths["login"],
        {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session


def post(session, url, data=None, files=None):
    data = {**(data or {}), "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(url, data, files=files, allow_redirects=False, timeout=TIMEOUT)


def test_a_deliverable_uploaded_through_one_is_downloaded_through_the_other(site):
    cluster, paths, s3 = site
    a, b = cluster.urls["A"], cluster.urls["B"]
    team = log_in(a, paths, "equipe@instances.test")
    content = DOCUMENT.replace(b"Fiche", b"Statuts")
    answer = post(team, a + paths["upload"], files={"file": ("statuts.pdf", content)})
    assert answer.status_code == 302
    [(deliverable_id,)] = query(
        DATABASE, "SELECT id FROM projects_deliverable WHERE project_id = %s", [paths["project_id"]]
    )
    download = paths["download"].format(id=deliverable_id)

    # The file is in the object store, not on instance A's disk.
    listing = s3.client.list_objects_v2(Bucket=s3.bucket, Prefix="private/deliverables/")
    assert len(listing.get("Contents", [])) == 1

    head_office = log_in(b, paths, "siege@instances.test")
    for session in (team, head_office):
        answer = session.get(b + download, timeout=TIMEOUT)
        assert answer.status_code == 200
        assert answer.content == content
    outsider = log_in(b, paths, "autre@instances.test")
    assert outsider.get(b + download, timeout=TIMEOUT).status_code == 404


def test_a_page_published_through_one_shows_through_the_other_at_once(site):
    cluster, paths, _s3 = site
    a, b = cluster.urls["A"], cluster.urls["B"]
    trainer = log_in(a, paths, "formatrice@instances.test")
    visitor = requests.Session()
    assert visitor.get(b + paths["page"], timeout=TIMEOUT).status_code == 200

    assert post(trainer, a + paths["unpublish"]).status_code == 302
    assert visitor.get(b + paths["page"], timeout=TIMEOUT).status_code == 404

    answer = post(trainer, a + paths["publish"], {"include_descendants": ""})
    assert answer.status_code == 302
    page = visitor.get(b + paths["page"], timeout=TIMEOUT)
    assert page.status_code == 200
    assert "Guide de l’hygiène" in page.text


def test_a_document_made_members_only_through_one_is_refused_through_the_other_at_once(site):
    cluster, paths, _s3 = site
    a, b = cluster.urls["A"], cluster.urls["B"]
    visitor = requests.Session()
    member = log_in(b, paths, "equipe@instances.test")
    answer = visitor.get(b + paths["document"], timeout=TIMEOUT)
    assert answer.status_code == 200
    assert answer.content == DOCUMENT

    trainer = log_in(a, paths, "formatrice@instances.test")
    answer = post(
        trainer,
        a + paths["document_edit"],
        {
            "title": paths["document_title"],
            "collection": paths["members_collection"],
            "tags": "",
        },
    )
    assert answer.status_code == 302, answer.text[:2000]

    answer = visitor.get(b + paths["document"], allow_redirects=False, timeout=TIMEOUT)
    assert answer.status_code == 302
    assert paths["login"] in answer.headers["Location"]
    answer = member.get(b + paths["document"], timeout=TIMEOUT)
    assert answer.status_code == 200
    assert answer.content == DOCUMENT


def test_stopping_one_instance_mid_load_loses_no_write(site):
    """Eight clients post messages to both instances; instance A is stopped (SIGTERM, as a
    deployment does) while they post. Every message whose POST was answered with success is in
    the database; those refused by the stopped instance were never answered with success."""
    cluster, paths, _s3 = site
    a, b = cluster.urls["A"], cluster.urls["B"]
    team = log_in(b, paths, "equipe@instances.test")
    clients, posts_each = 8, 12
    answered, lock = {}, threading.Lock()
    successes_on_a = threading.Semaphore(0)

    def client(number):
        session = requests.Session()
        session.cookies.update(team.cookies)
        for index in range(posts_each):
            base = a if (number + index) % 2 == 0 else b
            text = f"Message {number}-{index} sur {'A' if base == a else 'B'}"
            try:
                status = post(session, base + paths["thread"], {"text": text}).status_code
            except requests.ConnectionError:
                status = None
            with lock:
                answered[text] = status
            if base == a and status == 302:
                successes_on_a.release()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for _ in range(clients * 2):  # A has served part of the load: stop it while it serves more
        assert successes_on_a.acquire(timeout=TIMEOUT)
    stopped_at = time.monotonic()
    exit_code = cluster.stop("A")
    for thread in threads:
        thread.join(timeout=120)

    assert exit_code == 0  # a graceful stop
    assert time.monotonic() - stopped_at < cluster.graceful_timeout + 10
    written = {text for (text,) in query(DATABASE, "SELECT text FROM projects_message")}
    succeeded = {text for text, status in answered.items() if status == 302}
    refused = {text for text, status in answered.items() if status is None}
    assert len(answered) == clients * posts_each
    assert succeeded <= written
    assert not refused & written
    # The load went on through the stop: A refused some, B took the rest.
    assert refused and all(text.endswith("sur A") for text in refused)
    assert {text for text in succeeded if text.endswith("sur B")} == {
        text for text in answered if text.endswith("sur B")
    }
    assert set(answered.values()) <= {302, None}
