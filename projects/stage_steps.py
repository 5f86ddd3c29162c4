"""The projects app's own "what to do now" steps: answer head office, tick the checklist, upload
the documents, ask for the next stage; for head office, the reviews and decisions that wait.

Everything comes from what the team space has already read (the stage state and the latest
next-stage request): no query of its own.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import next_steps
from .models import Deliverable, StageRequest
from .next_steps import Step


def upload_url(project, requirement):
    return f"{reverse('projects:team_space', args=[project.slug])}#upload-{requirement.pk}"


def section_url(project, anchor):
    return f"{reverse('projects:team_space', args=[project.slug])}#{anchor}"


@next_steps.register
def stage_steps(
    request, project, access=None, state=None, latest_request=None, next_stage=None, **known
):
    if access is None or state is None or project.is_archived:
        return []
    steps = []
    if access.head_office:
        steps.extend(head_office_steps(project, state, latest_request))
    if access.is_member:
        steps.extend(team_steps(project, state, latest_request, next_stage))
    return steps


def head_office_steps(project, state, latest_request):
    steps = []
    if latest_request is not None and latest_request.status == StageRequest.Status.PENDING:
        steps.append(
            Step(
                next_steps.HEAD_OFFICE_WAITS,
                _("Answer the team’s request to move on to “%(stage)s”")
                % {"stage": latest_request.stage.display_name},
                url=section_url(project, "next-stage"),
                link_label=_("Answer the request"),
                kind="request",
            )
        )
    for row in state.requirements:
        latest = row.latest
        if latest is not None and latest.review_status == Deliverable.Review.PENDING:
            steps.append(
                Step(
                    next_steps.HEAD_OFFICE_WAITS,
                    _("Review the document “%(name)s”") % {"name": row.requirement.display_name},
                    url=section_url(project, f"document-{row.requirement.pk}"),
                    link_label=_("Review it"),
                    kind="review",
                )
            )
    return steps


def team_steps(project, state, latest_request, next_stage):
    steps = []
    if (
        latest_request is not None
        and latest_request.status == StageRequest.Status.RETURNED
        and next_stage is not None
        and latest_request.stage_id == next_stage.pk
    ):
        steps.append(
            Step(
                next_steps.ANSWER_HEAD_OFFICE,
                _("Head office sent your request back: read why and answer"),
                detail=latest_request.decision_comment,
                url=section_url(project, "next-stage"),
                link_label=_("Read head office’s answer"),
                kind="request",
            )
        )
    for row in state.requirements:
        latest = row.latest
        if latest is not None and latest.review_status == Deliverable.Review.CHANGES_REQUESTED:
            steps.append(
                Step(
                    next_steps.ANSWER_HEAD_OFFICE,
                    _("Send a new version of “%(name)s”: head office asked for changes")
                    % {"name": row.requirement.display_name},
                    detail=latest.review_comment,
                    url=upload_url(project, row.requirement),
                    link_label=_("Upload a new version"),
                    kind="deliverable",
                )
            )
        elif latest is None:
            priority = next_steps.REQUIRED if row.requirement.required else next_steps.SUGGESTED
            steps.append(
                Step(
                    priority,
                    _("Upload “%(name)s”") % {"name": row.requirement.display_name},
                    url=upload_url(project, row.requirement),
                    link_label=_("Upload the document"),
                    kind="deliverable",
                )
            )
    tick_url = "projects:tick"
    for row in state.checklist:
        if row.done:
            continue
        priority = next_steps.REQUIRED if row.item.required else next_steps.SUGGESTED
        steps.append(
            Step(
                priority,
                _("Tick “%(item)s” when it is done") % {"item": row.item.display_name},
                post_url=reverse(tick_url, args=[project.slug, row.item.pk]),
                post_data={"ticked": "1", "anchor": "next-steps"},
                button_label=_("Mark as done"),
                kind="checklist",
            )
        )
    return steps


@next_steps.register
def ask_for_next_stage(
    request, project, access=None, criteria=None, latest_request=None, next_stage=None, **known
):
    """Once every exit criterion is met (other apps' too), the step is to ask head office."""
    if access is None or not access.is_member or project.is_archived or next_stage is None:
        return []
    if latest_request is not None and latest_request.status == StageRequest.Status.PENDING:
        return []
    if criteria is None or any(not criterion.met for criterion in criteria):
        return []
    return [
        Step(
            next_steps.ASK_NEXT_STAGE,
            _("Everything required is there: ask head office to move on to “%(stage)s”")
            % {"stage": next_stage.display_name},
            url=section_url(project, "next-stage"),
            link_label=_("Ask for the next stage"),
            kind="request",
        )
    ]
