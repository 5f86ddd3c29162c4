"""The words and dates of a project's history, translated and formatted once per distinct value.

A page of history repeats the same few kinds of event and the same days: looking each label up
and formatting each date row by row was most of the page's time (issue 19).
"""

from django.utils import timezone
from django.utils.formats import date_format

from .models import ProjectEvent


class Dates:
    """`DATE_FORMAT` of each local day, formatted once."""

    def __init__(self):
        self._days = {}

    def __call__(self, moment):
        day = timezone.localdate(moment)
        if day not in self._days:
            self._days[day] = date_format(day, "DATE_FORMAT")
        return self._days[day]


def label_events(events):
    """The events as a list, each with `kind_label`, `day` (local date, formatted) and `iso`."""
    events = list(events)
    labels = {}
    dates = Dates()
    for event in events:
        if event.kind not in labels:
            labels[event.kind] = str(dict(ProjectEvent.Kind.choices).get(event.kind, event.kind))
        event.kind_label = labels[event.kind]
        event.day = dates(event.created_at)
        event.iso = event.created_at.isoformat()
    return events


def label_stage_changes(changes):
    changes = list(changes)
    dates = Dates()
    for change in changes:
        change.day = dates(change.changed_at)
        change.iso = change.changed_at.isoformat()
    return changes
