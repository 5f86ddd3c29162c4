""" "What to do now": the few actions that open the team space, derived from the project's state.

Apps register providers with `register`. A provider takes the request, the project and keyword
arguments with what the team space has already read (`access`, `state`, `criteria`,
`latest_request`, `memberships`, `next_stage`: ignore what you do not use) and returns a list
of `Step`s, the candidates it proposes to the person looking at the page. `collect` keeps the
`LIMIT` most urgent (lowest `priority`, then registration order). A provider must run a fixed
number of SQL queries whatever the data (no query per row).

A step is one click away: a link (`url`), or a small form posted at once (`post_url` with
`post_data`, e.g. ticking a checklist item).
"""

from dataclasses import dataclass, field

LIMIT = 3

# Priorities: lower comes first.
ANSWER_HEAD_OFFICE = 10  # something head office sent back
HEAD_OFFICE_WAITS = 15  # head office: a review or a decision the team waits for
ASK_NEXT_STAGE = 20  # everything is there: ask for the next stage
REQUIRED = 30  # a required item, document, course or training day
SUGGESTED = 60  # optional items, courses in progress, sessions serving the stage

_providers = []


@dataclass
class Step:
    priority: int
    label: str  # what to do, as an imperative sentence
    detail: str = ""  # why, in a few words
    url: str = ""  # a link...
    link_label: str = ""  # ...and its text (default: the label)
    post_url: str = ""  # ...or a form posted in one click
    post_data: dict = field(default_factory=dict)
    button_label: str = ""
    kind: str = ""  # checklist, deliverable, request, course, training_day, review


def register(func):
    _providers.append(func)
    return func


def collect(request, project, limit=LIMIT, **known):
    candidates = []
    for order, func in enumerate(_providers):
        for step in func(request, project, **known) or ():
            candidates.append((step.priority, order, len(candidates), step))
    candidates.sort(key=lambda item: item[:3])
    return [step for *_rank, step in candidates[:limit]]
