"""A gentle reminder to learners who stopped in the middle of a course.

`send_course_reminders` (the scheduled command of the same name) notifies each learner whose
last completed lesson of a course is older than `REMINDER_AFTER`, who has not completed that
course, and who has not turned course reminders off. Once per course: the notification keeps
the course in its `key`, and a learner who has one for the course is never reminded again.
"""

from datetime import timedelta

from django.db.models import CharField, Exists, Max, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.models import Notification, NotificationPreference, User
from canteen_site.notifications import Delivery, Kind, notify

from .models import CoursePage
from .records import CourseCompletion, LessonCompletion

REMINDER_AFTER = timedelta(weeks=3)
KEY_PREFIX = "course-reminder:"


def reminder_key(course_id):
    return f"{KEY_PREFIX}{course_id}"


def due_reminders(now=None):
    """[(user_id, course_id)] of the learners to remind, in one query."""
    now = now or timezone.now()
    completed = CourseCompletion.objects.filter(
        user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
    )
    reminded = Notification.objects.filter(
        recipient_id=OuterRef("user_id"),
        kind=Kind.COURSE_REMINDER,
        key=Concat(Value(KEY_PREFIX), Cast(OuterRef("course_id"), CharField())),
    )
    turned_off = NotificationPreference.objects.filter(
        user_id=OuterRef("user_id"), kind=Kind.COURSE_REMINDER, delivery=Delivery.OFF
    )
    rows = (
        LessonCompletion.objects.filter(user__is_active=True, course__live=True)
        .filter(~Exists(completed), ~Exists(reminded), ~Exists(turned_off))
        .values("user_id", "course_id")
        .annotate(last=Max("completed_at"))
        .filter(last__lte=now - REMINDER_AFTER)
        .order_by("user_id", "course_id")
    )
    return [(row["user_id"], row["course_id"]) for row in rows]


def send_course_reminders(now=None):
    """Notify every learner due a reminder; returns how many were notified."""
    return remind(due_reminders(now))


def remind(due):
    """Notify each (user_id, course_id) of `due`; returns how many were notified. Safe when two
    runs overlap: the notification's key is unique per person, so the later run skips it."""
    if not due:
        return 0
    users = User.objects.in_bulk({user_id for user_id, _course in due})
    courses = CoursePage.objects.live().in_bulk({course_id for _user, course_id in due})
    sent = 0
    for user_id, course_id in due:
        course = courses.get(course_id)
        if course is None:
            continue

        def text(_user, course=course):
            return _("You stopped in the middle of “%(course)s”: pick up where you left off?") % {
                "course": course.title
            }

        if notify(
            users[user_id],
            Kind.COURSE_REMINDER,
            text,
            course.get_url() or "",
            key=reminder_key(course_id),
        ):
            sent += 1
    return sent
