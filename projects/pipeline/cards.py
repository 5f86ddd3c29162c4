"""The HTML of the board's cards, built in Python.

A board can hold well over a hundred cards; rendering each through the template engine took
most of the page's time (see `make bench`), so a card is assembled from strings: every value
from the database goes through `escape`, and labels are translated once per page.
"""

from html import escape  # what django.utils.html.escape calls, without its lazy wrapper

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from projects.models import Project

# Plural messages, formatted with the count when a card is built.
DAYS = ngettext_lazy("%(count)s day", "%(count)s days", "count")
DOCUMENTS = ngettext_lazy("%(count)s document", "%(count)s documents", "count")
ATTENDED = ngettext_lazy("%(count)s attended", "%(count)s attended", "count")
SLIP = ngettext_lazy(
    "forecast %(count)s day after the target", "forecast %(count)s days after the target", "count"
)
STALLED = ngettext_lazy(
    "Stalled: no activity for %(count)s day", "Stalled: no activity for %(count)s days", "count"
)


class CardRenderer:
    def __init__(self):
        self.review_url = escape(reverse("pipeline:review"))
        self.labels = {
            key: escape(str(text))
            for key, text in {
                "in_stage": _("In this stage"),
                "checklist": _("Checklist"),
                "to_review": _("To review"),
                "training": _("Training"),
                "coach": _("Coach"),
                "none": _("none"),
                "move": _("Move"),
                "request": _("Asks for the next stage"),
                "days": _("Training days"),
                "next_day": _("next:"),
                "missing_day": _("Training day not attended yet:"),
                "next_action": _("Next action"),
                "due": _("due"),
                "overdue": _("overdue"),
                "no_next_action": _("No next action planned"),
                "mentor": _("Mentor"),
                "has_mentor": _("yes"),
                "opening": _("Opening"),
                "target": _("target"),
                "forecast": _("forecast"),
                "slips": _("Opening plan slips:"),
            }.items()
        }
        self.statuses = {value: escape(str(label)) for value, label in Project.Status.choices}
        self._plurals = {}
        self._stage_names = {}

    def plural(self, message, count):
        key = (id(message), count)
        if key not in self._plurals:
            self._plurals[key] = escape(message % {"count": count})
        return self._plurals[key]

    def progress(self, label, percent, text):
        return (
            f'<span class="pipeline-progress" role="progressbar" aria-valuenow="{percent}" '
            f'aria-valuemin="0" aria-valuemax="100" aria-label="{label}">'
            f'<span style="width: {percent}%"></span></span> {text}'
        )

    def facts(self, project):
        labels = self.labels
        days = self.plural(DAYS, project.days_in_stage)
        facts = [(labels["in_stage"], days)]
        if project.checklist_total:
            text = f"{project.ticked}/{project.checklist_total}"
            bar = self.progress(labels["checklist"], project.checklist_percent, text)
            facts.append((labels["checklist"], bar))
        if count := project.deliverables_waiting:
            text = self.plural(DOCUMENTS, count)
            facts.append((labels["to_review"], f'<a href="{self.review_url}">{text}</a>'))
        if project.training:
            percent = project.training.percent
            bar = self.progress(labels["training"], percent, f"{percent} %")
            facts.append((labels["training"], bar))
        team_days = getattr(project, "days", None)
        if team_days and (team_days.attended or team_days.next_session):
            text = self.plural(ATTENDED, len(team_days.attended))
            if team_days.next_session:
                text += f" · {labels['next_day']} {escape(team_days.next_session)}"
            facts.append((labels["days"], text))
        if project.next_action:
            text = escape(project.next_action)
            if project.next_action_due:
                due = date_format(project.next_action_due, "SHORT_DATE_FORMAT")
                text += f" · {labels['due']} {escape(due)}"
            if project.next_action_overdue:
                text += f' · <strong class="pipeline-overdue">{labels["overdue"]}</strong>'
            facts.append((labels["next_action"], text))
        if project.target_opening_on:
            facts.append((labels["opening"], self.opening(project)))
        if project.coach:
            coach = escape(str(project.coach.display_name))
        else:
            coach = f'<span class="pipeline-muted">{labels["none"]}</span>'
        facts.append((labels["coach"], coach))
        mentors = getattr(project, "mentor_count", 0)
        if mentors:
            text = labels["has_mentor"] + (f" ({mentors})" if mentors > 1 else "")
        else:
            text = f'<span class="pipeline-muted">{labels["none"]}</span>'
        facts.append((labels["mentor"], text))
        return "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts)

    def opening(self, project):
        """The target opening date, and the plan's forecast when there is a plan."""
        labels = self.labels
        target = escape(date_format(project.target_opening_on, "SHORT_DATE_FORMAT"))
        text = f"{labels['target']} {target}"
        forecast = getattr(project, "opening", None)
        if forecast is not None:
            when = escape(date_format(forecast.forecast, "SHORT_DATE_FORMAT"))
            text += f" · {labels['forecast']} {when}"
        return text

    def flags(self, project):
        flags = ""
        forecast = getattr(project, "opening", None)
        if forecast is not None and forecast.slips and project.status != Project.Status.OPEN:
            text = self.plural(SLIP, forecast.late_days)
            flags += (
                f'<p class="pipeline-flag pipeline-flag--slips">{self.labels["slips"]} {text}</p>'
            )
        if project.stalled:
            text = self.plural(STALLED, project.days_since_activity)
            flags += f'<p class="pipeline-flag pipeline-flag--stalled">{text}</p>'
        team_days = getattr(project, "days", None)
        if team_days and team_days.missing:
            missing = escape(", ".join(team_days.missing))
            flags += (
                f'<p class="pipeline-flag pipeline-flag--day">'
                f"{self.labels['missing_day']} {missing}</p>"
            )
        if getattr(project, "needs_next_action", False):
            flags += (
                f'<p class="pipeline-flag pipeline-flag--no-action">'
                f"{self.labels['no_next_action']}</p>"
            )
        if project.request_pending:
            flags += (
                f'<p class="pipeline-flag pipeline-flag--request">'
                f'<a href="{self.review_url}">{self.labels["request"]}</a></p>'
            )
        return flags

    def __call__(self, project):
        pk = project.pk
        name = escape(project.name)
        stage = project.current_stage
        if stage.pk not in self._stage_names:
            self._stage_names[stage.pk] = escape(stage.display_name)
        title = f'<a href="{escape(project.admin_url)}">{name}</a>' if project.admin_url else name
        city = escape(project.city)
        if project.status != Project.Status.ACTIVE:
            city += f" · {self.statuses.get(project.status, '')}"
        stalled = " is-stalled" if project.stalled else ""
        return mark_safe(  # noqa: S308 (every value above is escaped)
            f'<article class="pipeline-card{stalled}" id="project-{pk}" data-project="{pk}" '
            f'data-stage="{project.stage_id}" data-name="{name}" '
            f'data-stage-name="{self._stage_names[stage.pk]}" '
            f'aria-labelledby="project-{pk}-name">'
            f'<h3 class="pipeline-card__title" id="project-{pk}-name">{title}</h3>'
            f'<p class="pipeline-card__city">{city}</p>{self.flags(project)}'
            f'<dl class="pipeline-card__facts">{self.facts(project)}</dl>'
            f'<a class="button button-small button-secondary pipeline-card__move" '
            f'href="{escape(project.move_url)}" data-move>{self.labels["move"]}'
            f'<span class="w-sr-only"> {name}</span></a></article>'
        )

    def render_all(self, projects):
        for project in projects:
            project.card_html = self(project)
