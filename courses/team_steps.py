"""The training track's "what to do now" steps in the team space: finish the course the stage
requires (or the one in progress), at the member's next lesson; sign up for the training day the
stage needs or serves.

They read what the team space's training panels read (shared once per page) plus two queries
for the viewer's next lessons, whatever the number of courses.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects import next_steps
from projects.next_steps import Step

from .models import LessonPage
from .panels import team_days_data, team_learning_data
from .records import LessonCompletion


@next_steps.register
def course_steps(request, project, access=None, memberships=None, shared=None, **known):
    if access is None or not access.is_member or project.is_archived:
        return []
    user_id = request.user.pk
    learning = team_learning_data(request, project, memberships, store=shared)
    wanted = {}  # course id: (priority, course, label)
    for item in learning["required_courses"]:
        if not item.met and any(member.user_id == user_id for member in item.missing):
            wanted[item.course.pk] = (
                next_steps.REQUIRED,
                item.course,
                _("Finish the course “%(course)s”: the stage requires it")
                % {"course": item.course.title},
            )
    for item in learning["team_courses"]:
        if item.course.pk in wanted or not item.total:
            continue
        for membership, _done, _percent, completion in item.members:
            if membership.user_id == user_id and completion is None:
                wanted[item.course.pk] = (
                    next_steps.SUGGESTED,
                    item.course,
                    _("Continue the course “%(course)s”") % {"course": item.course.title},
                )
    if not wanted:
        return []
    courses = [course for _priority, course, _label in wanted.values()]
    lessons = LessonPage.by_course(courses)
    done = set(
        LessonCompletion.objects.filter(user_id=user_id, course_id__in=list(wanted)).values_list(
            "lesson_id", flat=True
        )
    )
    steps = []
    for course_id, (priority, course, label) in wanted.items():
        lesson = next((x for x in lessons.get(course_id, []) if x.pk not in done), None)
        if lesson is None:
            url, link_label = course.get_url(request=request), _("Open the course")
        else:
            url = lesson.get_url(request=request)
            link_label = _("Next lesson: %(lesson)s") % {"lesson": lesson.title}
        steps.append(Step(priority, label, url=url, link_label=link_label, kind="course"))
    return steps


@next_steps.register
def training_day_steps(request, project, access=None, shared=None, **known):
    if access is None or not access.is_member or project.is_archived:
        return []
    days = team_days_data(request, project, store=shared)
    signed_up_days = {session.day_id for session, _url, _people in days["signed_up"]}
    steps = []
    for requirement, attended in days["required"]:
        if attended or requirement.day_id in signed_up_days:
            continue
        session = next(
            ((s, url) for s, url in days["serving"] if s.day_id == requirement.day_id), None
        )
        label = _("Sign up for the training day “%(day)s”: the stage needs it") % {
            "day": requirement.day.title
        }
        if session is None:
            url = requirement.day.get_url(request=request) or days["index_url"]
            steps.append(
                Step(
                    next_steps.REQUIRED,
                    label,
                    url=url,
                    link_label=_("See the dates"),
                    kind="training_day",
                )
            )
        else:
            steps.append(session_step(next_steps.REQUIRED, label, *session))
    if not steps and not days["signed_up"] and days["serving"]:
        session, url = days["serving"][0]
        label = _("Sign up for the training day “%(day)s”: it serves your stage") % {
            "day": session.day.title
        }
        steps.append(session_step(next_steps.SUGGESTED, label, session, url))
    return steps


def session_step(priority, label, session, url):
    when = date_format(session.starts_at, "DATE_FORMAT")
    return Step(
        priority,
        label,
        url=url,
        link_label=_("The session of %(date)s, %(place)s") % {"date": when, "place": session.place},
        kind="training_day",
    )
