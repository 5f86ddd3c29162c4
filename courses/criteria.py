"""Exit criterion "course X done by the team", checked with the stage's other criteria; the
team rule of each requirement (one member, every member, a share) is applied by
`courses.services.required_courses`, which the team space shows too."""

from django.utils.translation import gettext as _

from canteen_site.panels import shared as once_per_page
from projects import exit_criteria

from .day_services import required_days_status
from .services import required_courses


def required_courses_once(project, memberships=None, store=None):
    """The stage's required courses, read once per page with a `store` (the criteria, the team
    panel and the "what to do now" steps share them)."""
    return once_per_page(
        store, ("required_courses", project.pk), lambda: required_courses(project, memberships)
    )


def required_days_once(project, store=None):
    return once_per_page(
        store, ("required_days", project.pk), lambda: required_days_status(project)
    )


def _label(item):
    rule = item.requirement.TeamRule
    values = {
        "course": item.course.title,
        "done": len(item.done),
        "needed": item.needed,
        "total": len(item.done) + len(item.missing),
    }
    if item.requirement.rule == rule.EVERY_MEMBER:
        return _("Course “%(course)s” completed by every member (%(done)s of %(total)s)") % values
    if item.requirement.rule == rule.SHARE:
        return (
            _(
                "Course “%(course)s” completed by at least %(needed)s of the %(total)s members "
                "(%(done)s so far)"
            )
            % values
        )
    return _("Course “%(course)s” completed by a team member") % values


@exit_criteria.register
def required_courses_done(project, **known):
    return [
        exit_criteria.Criterion(label=_label(item), met=item.met, kind="course")
        for item in required_courses_once(
            project, known.get("memberships"), store=known.get("shared")
        )
    ]


@exit_criteria.register
def required_training_days(project, **known):
    return [
        exit_criteria.Criterion(
            label=_("Training day “%(day)s” attended by the team") % {"day": requirement.day.title},
            met=attended,
            kind="training_day",
        )
        for requirement, attended in required_days_once(project, store=known.get("shared"))
    ]
