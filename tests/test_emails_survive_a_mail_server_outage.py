"""Emails go through the background task queue (django-tasks' database backend): queued when
the transaction commits, sent by the worker, retried while the mail server is down, and
delivered once when it is back. The real backend and the real worker loop run here, in-process;
the mail server that is down is SMTP on a closed loopback port."""

import socket

import pytest
from django.core import mail
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from canteen_site.emails import send_email

# Real commits (on_commit runs for real); the migrations' data is written back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEMPLATE = "projects/emails/start_confirmation"


@pytest.fixture
def queue(settings):
    settings.TASKS = {
        **settings.TASKS,
        "emails": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    settings.EMAILS_QUEUED_ON_COMMIT = True
    settings.EMAIL_RETRY_DELAYS = [0, 0]  # retried at once here; minutes to hours in production
    return settings


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the socket is closed


def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2


def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker():
    """The worker's own loop, in batch mode: runs every task that is due, then returns."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="emails",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def queue_one_email():
    from projects.models import Project

    project = Project(name="Senlis", city="Senlis", contact_name="Camille")
    with transaction.atomic():
        send_email(TEMPLATE, {"project": project}, "camille@test.org")
        assert not DBTaskResult.objects.exists()  # not before the commit
    return project


def test_an_email_is_queued_on_commit_and_sent_by_the_worker(queue):
    queue_one_email()
    (task,) = DBTaskResult.objects.all()
    assert task.status == TaskResultStatus.READY
    assert mail.outbox == []  # nothing is sent during the request

    run_worker()

    (message,) = mail.outbox
    assert message.to == ["camille@test.org"]
    assert message.extra_headers["Content-Language"] == "fr"
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_nothing_is_queued_for_work_that_is_rolled_back(queue):
    from projects.models import Project

    with pytest.raises(RuntimeError), transaction.atomic():
        send_email(TEMPLATE, {"project": Project(city="Senlis")}, "camille@test.org")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert mail.outbox == []


def test_mail_server_down_then_back_the_email_goes_out_once(queue):
    queue_one_email()
    mail_server_down(queue)
    queue.EMAIL_RETRY_DELAYS = [3600]  # the retry waits an hour: the worker leaves it

    run_worker()

    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in failed.exception_class_path
    assert retry.status == TaskResultStatus.READY  # not lost: queued again, with the message
    assert retry.args_kwargs["args"] == [*failed.args_kwargs["args"], 2]  # the second attempt
    assert mail.outbox == []

    mail_server_back(queue)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=failed.finished_at)  # an hour on
    run_worker()
    run_worker()  # a second pass finds nothing more to send

    (message,) = mail.outbox
    assert message.to == ["camille@test.org"]
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.count() == 2


def test_retries_are_bounded_and_the_last_failure_keeps_the_email(queue):
    queue_one_email()
    mail_server_down(queue)

    run_worker()  # the first try and its two retries (no delay here), then nothing is due

    tasks = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [task.status for task in tasks] == [TaskResultStatus.FAILED] * 3
    assert tasks[-1].args_kwargs["args"][0]["to"] == ["camille@test.org"]
    assert mail.outbox == []
