"""The email queue: every email leaves through the background task `send_queued_email`.

The email is rendered before it is queued (in its recipient's language, by
`canteen_site.emails`), and the task carries the finished message as JSON: subject, body,
addresses, headers and attachments. The worker (`manage.py db_worker --backend emails`,
django-tasks-db) sends
it; if the mail server refuses or is unreachable, the task fails (its row keeps the error) and,
before failing, queues itself again to run after the next delay of `EMAIL_RETRY_DELAYS`. When
the delays are spent the last task stays failed in the task table, with the whole message in its
arguments: nothing is ever lost, and an operator can re-queue it.
"""

import base64
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

# The task backend of the emails (settings.TASKS): django-tasks-db's DatabaseBackend, run by
# `manage.py db_worker --backend emails`.
EMAIL_BACKEND_ALIAS = "emails"


def email_to_data(message):
    """A JSON-ready copy of an EmailMessage (plain text, with its attachments)."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "attachments": attachments,
    }


def email_from_data(data):
    message = EmailMessage(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        bcc=data.get("bcc") or None,
        cc=data.get("cc") or None,
        reply_to=data.get("reply_to") or None,
        headers=data.get("headers") or None,
    )
    for filename, content, mimetype in data.get("attachments", []):
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task(backend=EMAIL_BACKEND_ALIAS)
def send_queued_email(data, attempt=1):
    """Send one email; on failure, queue the next attempt (if any is left), then fail."""
    try:
        email_from_data(data).send(fail_silently=False)
    except Exception:
        _retry_later(data, attempt)
        raise
    return data["to"]


def _retry_later(data, attempt):
    delays = settings.EMAIL_RETRY_DELAYS
    if attempt > len(delays) or not send_queued_email.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
    send_queued_email.using(run_after=run_after).enqueue(data, attempt + 1)


def queue_email(message):
    """Queue an EmailMessage for the worker, once the current transaction commits."""
    enqueue = partial(send_queued_email.enqueue, email_to_data(message))
    if settings.EMAILS_QUEUED_ON_COMMIT:
        transaction.on_commit(enqueue)
    else:
        enqueue()
