"""The training track's sections of "my space" and of a project team's space."""

from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.panels import my_space, team_space
from canteen_site.panels import shared as once_per_page

from . import day_services, services
from .criteria import required_courses_once, required_days_once
from .days import SessionSeat, TrainingDayIndexPage, TrainingSession
from .ical import session_url
from .progress import can_manage_training

TEAM_LEARNING_TEMPLATE = "courses/panels/team_learning.html"


@my_space.register(20)
def my_learning_panel(request, **context):
    data = services.my_learning_data(request.user)
    data["template"] = "courses/panels/my_learning.html"
    data["catalogue_url"] = services.catalogue_url(request)
    return data


def team_learning_data(request, project, memberships=None, store=None):
    """The team's progress in its courses, and the courses that serve its stage (read once per
    page with a `store`: the panel and the "what to do now" steps share it)."""
    return once_per_page(
        store,
        ("team_learning", project.pk),
        lambda: _team_learning_data(request, project, memberships, store),
    )


def _team_learning_data(request, project, memberships, store):
    if memberships is None:
        memberships = services.current_members(project)
    courses = services.team_progress(project, memberships)
    required = required_courses_once(project, memberships, store)
    by_course = {item.course.pk: item for item in required}
    for item in courses:
        item.required = by_course.get(item.course.pk)
    team_course_ids = {item.course.pk for item in courses}
    return {
        "template": TEAM_LEARNING_TEMPLATE,
        "title": _("Training of the team"),
        "key": "team-learning",
        "project": project,
        "team_courses": courses,
        "required_courses": required,
        "recommended": services.recommended_courses(project, exclude_ids=team_course_ids),
        "can_enrol_team": can_manage_training(request.user),
        "catalogue_url": services.catalogue_url(request),
    }


@team_space.register(30)
def team_learning_panel(request, project=None, memberships=None, shared=None, **context):
    if project is None:
        return None
    return team_learning_data(request, project, memberships, store=shared)


TEAM_DAYS_TEMPLATE = "courses/panels/team_days.html"


@team_space.register(35)
def team_days_panel(request, project=None, shared=None, **context):
    """The team's in-person training days: attended, signed up for, and those that serve its
    stage (a fixed number of queries)."""
    if project is None:
        return None
    return team_days_data(request, project, store=shared)


def team_days_data(request, project, store=None):
    """The team panel's training days (read once per page with a `store`, shared with the
    "what to do now" steps)."""
    return once_per_page(
        store, ("team_days", project.pk), lambda: _team_days_data(request, project, store)
    )


def _team_days_data(request, project, store):
    now = timezone.now()
    seats = list(
        SessionSeat.objects.filter(
            project=project,
            status__in=day_services.ACTIVE,
            session__ends_at__gte=now,
        )
        .select_related("user", "session__day", "session__canteen")
        .defer("session__day__programme")
        .order_by("session__starts_at", "user__first_name")
    )
    signed_up = {}
    for seat in seats:
        signed_up.setdefault(seat.session, []).append(seat)
    serving = list(
        TrainingSession.objects.upcoming(now)
        .filter(
            day__live=True,
            day__stages=project.stage_id,
            status=TrainingSession.Status.OPEN,
            signup_deadline__gte=now,
        )
        .exclude(pk__in=[session.pk for session in signed_up])
        .for_lists()[:3]
    )
    index = TrainingDayIndexPage.objects.live().only("id", "url_path", "path", "depth").first()
    return {
        "template": TEAM_DAYS_TEMPLATE,
        "title": _("Training days"),
        "key": "team-days",
        "attended": day_services.attended_days([project.pk]).get(project.pk, []),
        "signed_up": [
            (session, session_url(session), people) for session, people in signed_up.items()
        ],
        "serving": [(session, session_url(session)) for session in serving],
        "index_url": index.get_url(request=request) if index else "",
        "required": required_days_once(project, store),
    }
