"""In-site notifications, and the emails that tell people about them.

Any app calls `notify(users, kind, text, link, project=None)`: it creates one `Notification`
per person and, according to that person's preference for the kind, queues an email at once,
leaves the notification for the daily digest (`send_notification_digest`), or sends nothing.
Every email is written in its recipient's language and carries a signed unsubscribe link that
turns that kind off without logging in.

`text` is stored as given: write it in the recipient's language (`translation.override` with
`canteen_site.emails.language_of(user)`), or pass a callable `text(user)` that `notify` calls
under the recipient's language.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from .emails import build_email, language_of, queue_email
from .models import Notification, NotificationKind, NotificationPreference
from .panels import my_space

Kind = NotificationKind
Delivery = NotificationPreference.Delivery
UNSUBSCRIBE_SALT = "canteen_site.notifications.unsubscribe"
MY_SPACE_LIMIT = 20
_silenced = ContextVar("notifications_silenced", default=False)


@contextmanager
def silenced():
    """No notification inside this block: for importing history (the demo loader), where the
    services record what happened long ago and nobody is to be told now."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def preferences_of(user_ids):
    """{(user_id, kind): delivery} of the preferences people changed (one query)."""
    rows = NotificationPreference.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind", "delivery"
    )
    return {(user_id, kind): delivery for user_id, kind, delivery in rows}


def delivery_for(user, kind):
    return preferences_of([user.pk]).get((user.pk, kind), Delivery.AT_ONCE)


def set_delivery(user, kind, delivery):
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )


def unsubscribe_token(user, kind):
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """(user_id, kind), or None for a token that was not signed here."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in Kind.values:
        return None
    return data.get("u"), data["k"]


def unsubscribe_url(user, kind):
    return absolute(reverse("notification_unsubscribe", args=[unsubscribe_token(user, kind)]))


def open_url(notification):
    return absolute(reverse("notification_open", args=[notification.pk]))


def _email_context(user, kind):
    with translation.override(language_of(user)):
        kind_label = str(Kind(kind).label)
    return {
        "person": user,
        "kind_label": kind_label,
        "unsubscribe_url": unsubscribe_url(user, kind),
        "settings_url": absolute(reverse("notification_preferences")),
    }


def notify(users, kind, text, link="", project=None, *, key="", email=True):
    """Notify each of `users` (a user or an iterable); returns the notifications created.

    `email=False` for a notification whose email is sent otherwise (the training-day reminder,
    which carries its own calendar file)."""
    if not isinstance(users, list | tuple | set):
        users = [users] if hasattr(users, "pk") else list(users)
    users = [user for user in users if user is not None and user.is_active]
    if not users or _silenced.get():
        return []
    kind = Kind(kind).value
    project_id = getattr(project, "pk", project)
    preferences = preferences_of([user.pk for user in users])
    created = []
    for user in users:
        delivery = preferences.get((user.pk, kind), Delivery.AT_ONCE)
        if callable(text):
            with translation.override(language_of(user)):
                user_text = str(text(user))
        else:
            user_text = str(text)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    text=user_text[:300],
                    link=link,
                    project_id=project_id,
                    key=key,
                    in_digest=email and delivery == Delivery.DIGEST,
                )
        except IntegrityError:
            continue  # already notified under this key (another run got there first)
        created.append(notification)
        if email and delivery == Delivery.AT_ONCE:
            context = {
                **_email_context(user, kind),
                "notification": notification,
                "link": open_url(notification),
            }
            message = build_email("canteen_site/emails/notification", context, user)
            message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
            queue_email(message)
    return created


def send_digests(now=None):
    """One email per person with the notifications that waited for the digest; returns how
    many emails were queued. Each person's rows are claimed by a conditional update first, so
    two runs at once send nothing twice."""
    waiting = (
        Notification.objects.filter(in_digest=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person = {}
    for notification in waiting:
        by_person.setdefault(notification.recipient, []).append(notification)
    sent = 0
    for person, notifications in by_person.items():
        ids = [notification.pk for notification in notifications]
        with transaction.atomic():
            claimed = Notification.objects.filter(pk__in=ids, in_digest=True).update(
                in_digest=False
            )
            if claimed != len(ids):
                continue  # another run took them
            items = [
                {"notification": notification, "link": open_url(notification)}
                for notification in notifications
            ]
            context = {
                "person": person,
                "items": items,
                "settings_url": absolute(reverse("notification_preferences")),
                "unsubscribes": _digest_unsubscribes(person, notifications),
            }
            if person.is_active:
                queue_email(build_email("canteen_site/emails/digest", context, person))
                sent += 1
    return sent


def _digest_unsubscribes(person, notifications):
    kinds = sorted({notification.kind for notification in notifications})
    with translation.override(language_of(person)):
        return [
            {"label": str(Kind(kind).label), "url": unsubscribe_url(person, kind)} for kind in kinds
        ]


class UnreadNotifications:
    """The header's count: one query, made only when a template reads `count`."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self):
        return Notification.objects.filter(recipient=self.user, read_at__isnull=True).count()


def unread_count(request):
    """Context processor: `unread_notifications` (None for anonymous visitors: no query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": None}
    return {"unread_notifications": UnreadNotifications(user)}


def mark_read(notification_id, user):
    """Mark one of the user's notifications read; returns it, or None if it is not theirs."""
    notification = (
        Notification.objects.filter(pk=notification_id, recipient=user).only("link").first()
    )
    if notification is None:
        return None
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return notification


def mark_all_read(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@my_space.register(5)
def my_notifications(request, **context):
    """The user's latest notifications, unread first in bold, with their links (2 queries)."""
    notifications = list(
        Notification.objects.filter(recipient=request.user).only(
            "kind", "text", "link", "created_at", "read_at"
        )[:MY_SPACE_LIMIT]
    )
    return {
        "template": "canteen_site/panels/notifications.html",
        "notifications": notifications,
        "has_unread": any(notification.read_at is None for notification in notifications),
    }
