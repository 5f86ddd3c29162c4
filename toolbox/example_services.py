"""The rules of good work passed on (see `toolbox.examples`).

Head office (`PROPOSE`) proposes an accepted document; a current member of the team answers
for the team: consent (with the credit, the names and an optional anonymised copy) or decline.
Head office or the team may withdraw a published example at any time. Network members read
and download the published ones.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.notifications import Kind, notify
from canteen_site.text import clean_text
from projects.access import is_network_member
from projects.models import Deliverable, Membership
from projects.notifications import team_of, team_space_url

from .examples import DESCRIPTION_MAX_LENGTH, Example

PROPOSE = "toolbox.propose_example"
Status = Example.Status


class ExampleError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_team_member(user, project):
    return Membership.objects.filter(project=project, user=user, left_on__isnull=True).exists()


def propose(deliverable, by, title="", description="", *, at=None):
    if not by.has_perm(PROPOSE):
        raise ExampleError(_("Only head office can propose an example."))
    if deliverable.review_status != Deliverable.Review.ACCEPTED:
        raise ExampleError(_("Only an accepted document can become an example."))
    if Example.objects.filter(deliverable=deliverable).exists():
        raise ExampleError(_("This document has already been proposed as an example."))
    requirement = deliverable.requirement
    title = clean_text(title, 200).text or requirement.name
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ExampleError(
            _("This text is too long (%(length)s characters). The maximum is %(max)s.")
            % {"length": len(description), "max": DESCRIPTION_MAX_LENGTH}
        )
    with transaction.atomic():
        example, created = Example.objects.get_or_create(
            deliverable=deliverable,
            defaults={
                "project": deliverable.project,
                "stage_id": requirement.stage_id,
                "title": title,
                "description": description,
                "proposed_by": by,
                "proposed_at": at or timezone.now(),
            },
        )
    if not created:  # proposed a moment ago by someone else
        raise ExampleError(_("This document has already been proposed as an example."))
    _tell_the_team(example)
    return example


def _tell_the_team(example):
    project = example.project
    values = {"document": example.deliverable.original_name, "project": project.name}

    def text(_user):
        return (
            _(
                "Head office would like to publish “%(document)s” (%(project)s) as an example "
                "for other teams: your consent is needed."
            )
            % values
        )

    notify(
        team_of(project),
        Kind.DELIVERABLE_REVIEWED,
        text,
        team_space_url(project) + "#section-toolbox-examples",
        project,
        key=f"example:{example.pk}",
    )


def consent(example, by, *, credit_canteen, show_uploader, replacement=None, at=None):
    """The team agrees: the example is published. `replacement`: a checked upload
    (`projects.uploads.check_upload`) published instead of the original, or None."""
    if not is_team_member(by, example.project_id):
        raise ExampleError(_("Only a member of the team can answer for the team."))
    at = at or timezone.now()
    if replacement is not None:
        example.replacement_name = replacement.name
        example.replacement_type = replacement.content_type
        example.replacement_size = replacement.size
        example.replacement.save(replacement.name, replacement.file, save=False)
    try:
        with transaction.atomic():
            fields = {
                "status": Status.PUBLISHED,
                "answered_by": by,
                "answered_at": at,
                "published_at": at,
                "credit_canteen": credit_canteen,
                "show_uploader": show_uploader,
            }
            if replacement is not None:
                fields.update(
                    replacement=example.replacement.name,
                    replacement_name=example.replacement_name,
                    replacement_type=example.replacement_type,
                    replacement_size=example.replacement_size,
                )
            # Conditional: a second answer from a teammate at the same moment is refused.
            if not Example.objects.filter(pk=example.pk, status=Status.PROPOSED).update(**fields):
                raise ExampleError(_("The team has already answered this proposal."))
    except Exception:
        if replacement is not None:
            example.replacement.delete(save=False)
        raise
    for name, value in fields.items():
        setattr(example, name, value)
    return example


def decline(example, by, *, at=None):
    if not is_team_member(by, example.project_id):
        raise ExampleError(_("Only a member of the team can answer for the team."))
    at = at or timezone.now()
    updated = Example.objects.filter(pk=example.pk, status=Status.PROPOSED).update(
        status=Status.DECLINED, answered_by=by, answered_at=at
    )
    if not updated:
        raise ExampleError(_("The team has already answered this proposal."))
    example.status = Status.DECLINED


def withdraw(example, by, *, at=None):
    """Take a published example out of the toolbox (head office, or the team changing its mind)."""
    if not (by.has_perm(PROPOSE) or is_team_member(by, example.project_id)):
        raise ExampleError(_("Only head office or the team can withdraw this example."))
    at = at or timezone.now()
    updated = Example.objects.filter(
        pk=example.pk, status__in=[Status.PUBLISHED, Status.PROPOSED]
    ).update(status=Status.WITHDRAWN, withdrawn_at=at, withdrawn_by=by)
    if not updated:
        raise ExampleError(_("This example is not in the toolbox."))
    example.status = Status.WITHDRAWN


def published(stage=None):
    examples = Example.objects.filter(status=Status.PUBLISHED).select_related(
        "stage", "project", "deliverable__uploaded_by"
    )
    if stage is not None:
        examples = examples.filter(stage=stage)
    return examples


def can_read(user):
    return is_network_member(user)


def for_project(project):
    """The project's accepted documents (with their example, if proposed), newest first."""
    return (
        Deliverable.objects.filter(project=project, review_status=Deliverable.Review.ACCEPTED)
        .select_related("requirement__stage", "example")
        .order_by("-reviewed_at", "-id")
    )


def waiting_for(project):
    return Example.objects.filter(
        Q(project=project), Q(status=Status.PROPOSED) | Q(status=Status.PUBLISHED)
    ).select_related("deliverable", "stage")
