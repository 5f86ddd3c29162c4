"""Where a project stands in its current stage, and the projects app's own exit criteria.

`stage_state(project)` reads the checklist and the documents of the current stage in four
queries whatever their number; the team space and the exit criteria share the result.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import exit_criteria
from .models import ChecklistTick, Deliverable


@dataclass
class ChecklistRow:
    item: object
    tick: object = None

    @property
    def done(self):
        return self.tick is not None


@dataclass
class RequirementRow:
    requirement: object
    uploads: list = field(default_factory=list)

    @property
    def latest(self):
        return self.uploads[0] if self.uploads else None

    @property
    def met(self):
        latest = self.latest
        return latest is not None and latest.review_status != Deliverable.Review.CHANGES_REQUESTED


@dataclass
class StageState:
    checklist: list
    requirements: list

    @property
    def ticked_count(self):
        return sum(1 for row in self.checklist if row.done)


def stage_state(project):
    """The checklist and documents of the project's current stage."""
    items = list(project.stage.checklist_items.all())
    ticks = {
        tick.item_id: tick
        for tick in ChecklistTick.objects.filter(
            project=project, item__stage_id=project.stage_id
        ).select_related("ticked_by")
    }
    requirements = list(project.stage.deliverable_requirements.select_related("template_page"))
    rows = {requirement.pk: RequirementRow(requirement) for requirement in requirements}
    uploads = (
        Deliverable.objects.filter(project=project, requirement_id__in=list(rows))
        .select_related("uploaded_by", "reviewed_by")
        .order_by("-uploaded_at", "-id")
    )
    for upload in uploads:
        rows[upload.requirement_id].uploads.append(upload)
    state = StageState(
        checklist=[ChecklistRow(item, ticks.get(item.pk)) for item in items],
        requirements=list(rows.values()),
    )
    return state


@exit_criteria.register
def checklist_and_documents(project, state=None, **known):
    """`state`: the stage state when the caller has already read it."""
    state = state or stage_state(project)
    criteria = [
        exit_criteria.Criterion(
            label=_("Checklist: %(item)s") % {"item": row.item.display_name},
            met=row.done,
            kind="checklist",
        )
        for row in state.checklist
        if row.item.required
    ]
    for row in state.requirements:
        if not row.requirement.required:
            continue
        if row.latest and row.latest.review_status == Deliverable.Review.CHANGES_REQUESTED:
            label = _("Document with changes requested: %(name)s")
        else:
            label = _("Document: %(name)s")
        criteria.append(
            exit_criteria.Criterion(
                label=label % {"name": row.requirement.display_name},
                met=row.met,
                kind="deliverable",
            )
        )
    return criteria
