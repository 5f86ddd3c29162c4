"""Files in an S3-compatible object store: uploads land in the buckets, downloads come back through
the permission-checked views, private files have no URL, nothing is written to the local disk.

The store is moto's S3 emulator in server mode: a real HTTP server on a loopback port that speaks
the S3 API, reached by django-storages and boto3 exactly as a production store would be.
"""

import uuid
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.documents import get_document_model

from canteen_site.settings.object_store import s3_storages
from projects.models import Deliverable
from tests.factories.files import demo_pdf
from tests.factories.toolbox import make_file, make_index, make_resource

pytestmark = pytest.mark.django_db

CREDENTIALS = {"access_key": "emulator", "secret_key": "emulator", "region": "eu-west-3"}


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint, tmp_path):
    """Fresh buckets for the test, and STORAGES pointing at them."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region"],
    )
    public, private = f"media-{uuid.uuid4().hex[:12]}", f"private-{uuid.uuid4().hex[:12]}"
    for bucket in (public, private):
        client.create_bucket(
            Bucket=bucket,
            CreateBucketConfiguration={"LocationConstraint": CREDENTIALS["region"]},
        )
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(
            bucket=public, private_bucket=private, endpoint_url=s3_endpoint, **CREDENTIALS
        ),
    }
    yield {"client": client, "public": public, "private": private}
    # Nothing went to the local folders the tests use otherwise (tests/conftest.py).
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def keys(s3, bucket):
    return {
        item["Key"]: s3["client"].get_object(Bucket=s3[bucket], Key=item["Key"])["Body"].read()
        for item in s3["client"].list_objects_v2(Bucket=s3[bucket]).get("Contents", [])
    }


def body_of(response):
    return b"".join(response.streaming_content)


def test_a_deliverable_is_stored_in_the_private_bucket_and_downloaded_through_the_view(
    client, s3, project, team_member, head_office, other_team_member, trainer, first_stage
):
    requirement = first_stage.deliverable_requirements.first()
    content = demo_pdf("Statuts de l’association – Cantine Test")
    client.force_login(team_member)
    response = client.post(
        reverse("projects:upload", args=[project.slug, requirement.pk]),
        {"file": SimpleUploadedFile("statuts.pdf", content)},
    )
    assert response.status_code == 302
    deliverable = Deliverable.objects.get(project=project)
    stored = keys(s3, "private")
    assert list(stored.values()) == [content]
    assert keys(s3, "public") == {}
    with pytest.raises(ValueError):
        deliverable.file.url  # noqa: B018 (no URL, signed or not, for a private file)

    url = reverse("projects:download", args=[project.slug, deliverable.pk])
    for user in (team_member, head_office):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert body_of(response) == content
        assert "no-store" in response["Cache-Control"]
    for user in (other_team_member, trainer):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_toolbox_document_uploaded_in_the_admin_is_served_only_by_the_checked_views(
    client, s3, trainer, team_member, first_stage
):
    content = b"%PDF-1.4 Plan de maitrise sanitaire"
    client.force_login(trainer)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Plan sanitaire", "file": SimpleUploadedFile("plan-sanitaire.pdf", content)},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Plan sanitaire")
    assert keys(s3, "public") == {f"media/{document.file.name}": content}
    assert "X-Amz-Signature=" in document.file.url  # the bucket is private: signed URLs only

    # Offered by a members-only resource: moved to the members-only collection.
    resource = make_resource(make_index(), "Modèle réservé", members_only=True)
    file = make_file(resource, "Plan sanitaire", document)
    document.refresh_from_db()
    download = reverse("toolbox:download", args=[file.slug])
    served = reverse("wagtaildocs_serve", args=[document.pk, document.filename])

    client.force_login(team_member)
    for url in (download, served):
        response = client.get(url)
        assert response.status_code == 200, url
        assert body_of(response) == content
    client.logout()
    for url in (download, served):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_readiness_checks_the_buckets_and_names_a_missing_one(client, s3, settings):
    response = client.get(reverse("ready"))
    assert response.status_code == 200
    assert response.json()["checks"]["storage:private"] == "ok"
    assert keys(s3, "private") == {}  # the probe cleaned up after itself

    s3["client"].delete_bucket(Bucket=s3["private"])
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage:default": "ok",
        "storage:private": "failing",
    }


def test_the_default_storage_follows_the_settings(s3):
    name = storages["default"].save("images/essai.txt", ContentFile(b"essai"))
    assert keys(s3, "public") == {f"media/{name}": b"essai"}


SETTINGS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "backends": {alias: storages[alias].__class__.__name__ for alias in ("default", "private")},
    "image_url": storages["default"].url("images/photo.png"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


@pytest.mark.parametrize(
    ("environment", "origins"),
    [
        ({"S3_ENDPOINT_URL": "https://s3.fr-par.example.net"}, ["https://s3.fr-par.example.net"]),
        ({"S3_CUSTOM_DOMAIN": "images.example.org"}, ["https://images.example.org"]),
        (
            {"S3_REGION": "eu-west-3"},
            ["https://cantines.s3.amazonaws.com", "https://cantines.s3.eu-west-3.amazonaws.com"],
        ),
    ],
)
def test_s3_bucket_in_the_environment_switches_the_storages_and_the_policy(environment, origins):
    """S3_BUCKET chooses the object store; the images' origin is allowed by the policy, and
    only it. (The URLs are made locally: nothing is contacted.)"""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "canteen_site.settings.test",
        "S3_BUCKET": "cantines",
        "S3_ACCESS_KEY_ID": "key",
        "S3_SECRET_ACCESS_KEY": "secret",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["backends"] == {"default": "S3Storage", "private": "PrivateS3Storage"}
    parts = urlsplit(found["image_url"])
    assert f"{parts.scheme}://{parts.netloc}" in origins
    assert found["img_src"] == ["'self'", *origins]
