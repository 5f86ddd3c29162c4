"""Reading a project's conversation between its team and head office: pages of messages (the
newest last), each person's read mark, unread counts, and the messages about a document or a
next-stage request. Every function costs a fixed number of queries, whatever the data.

Writing is a service (`services.post_message`); who may read and write is
`access.ProjectAccess.can_discuss`.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Message, ThreadReadMark

THREAD_PAGE_SIZE = 30
# Messages shown next to a document or a request; the rest are in the conversation.
SHOWN_ABOUT = 3


def thread_messages(project):
    return (
        Message.objects.filter(project=project)
        .select_related("author", "deliverable__requirement", "stage_request__stage")
        .order_by("id")
    )


def thread_page(project, number=None):
    """One page of the conversation, oldest first; without a number, the last page (two
    queries: the count and the page)."""
    paginator = Paginator(thread_messages(project), THREAD_PAGE_SIZE)
    if number in (None, ""):
        number = paginator.num_pages
    return paginator.get_page(number)


def _mark_of(project, user):
    return ThreadReadMark.objects.filter(project=project, user=user).values("last_read_id")[:1]


def read_mark(project, user):
    """The person's read mark (None if they have never opened the conversation)."""
    return ThreadReadMark.objects.filter(project=project, user=user).first()


def mark_read(project, user, mark, up_to_id):
    """Record that `user` has read every message up to `up_to_id` (never backwards)."""
    ThreadReadMark.mark_read(mark, up_to_id, project=project, user=user)


def summary(project, user):
    """{"total", "unread"} for the person (one query). Their own messages are never unread."""
    last_read = Coalesce(Subquery(_mark_of(project, user)), 0)
    return Message.objects.filter(project=project).aggregate(
        total=Count("id"),
        unread=Count("id", filter=Q(pk__gt=last_read) & ~Q(author=user)),
    )


def latest_message(project):
    return Message.objects.filter(project=project).select_related("author").order_by("-id").first()


def attach_discussions(deliverables=(), stage_requests=()):
    """Give each deliverable and request a `discussion` (its last messages, oldest first) and a
    `discussion_count` (one query for all of them)."""
    deliverables = [item for item in deliverables if item is not None]
    stage_requests = [item for item in stage_requests if item is not None]
    by_document, by_request = defaultdict(list), defaultdict(list)
    if deliverables or stage_requests:
        rows = (
            Message.objects.filter(
                Q(deliverable_id__in=[item.pk for item in deliverables])
                | Q(stage_request_id__in=[item.pk for item in stage_requests])
            )
            .select_related("author")
            .order_by("id")
        )
        for message in rows:
            if message.deliverable_id:
                by_document[message.deliverable_id].append(message)
            else:
                by_request[message.stage_request_id].append(message)
    for items, found in ((deliverables, by_document), (stage_requests, by_request)):
        for item in items:
            messages = found.get(item.pk, [])
            item.discussion = messages[-SHOWN_ABOUT:]
            item.discussion_count = len(messages)
