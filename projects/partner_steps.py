"""The team's "what to do now" steps about partners and funding: a partners or funding exit
criterion still unmet, and the partner whose next step is due soonest (from the partners the
team space reads once)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import next_steps
from .models import Partner
from .next_steps import Step
from .partners import active_rows

DUE_WITHIN = timedelta(days=7)


@next_steps.register
def partner_steps(request, project, access=None, criteria=None, **known):
    if access is None or not access.is_member or project.is_archived:
        return []
    steps = []
    for criterion in criteria or ():
        if criterion.met or criterion.kind not in ("partners", "funding"):
            continue
        page = "projects:partners" if criterion.kind == "partners" else "projects:funding_plan"
        steps.append(
            Step(
                next_steps.REQUIRED,
                criterion.label,
                url=reverse(page, args=[project.slug]),
                link_label=_("Our partners")
                if criterion.kind == "partners"
                else _("The funding plan"),
                kind=criterion.kind,
            )
        )
    soon = timezone.localdate() + DUE_WITHIN
    partner = min(
        (
            row
            for row in active_rows(project, known.get("shared"))
            if row["next_step"]
            and row["next_step_on"] is not None
            and row["next_step_on"] <= soon
            and row["status"] != Partner.Status.SIGNED
        ),
        key=lambda row: (row["next_step_on"], row["id"]),
        default=None,
    )
    if partner is not None:
        steps.append(
            Step(
                next_steps.SUGGESTED,
                _("“%(partner)s”: %(step)s")
                % {"partner": partner["name"], "step": partner["next_step"]},
                detail=_("Planned for %(date)s") % {"date": date_format(partner["next_step_on"])},
                url=reverse("projects:edit_partner", args=[project.slug, partner["id"]]),
                link_label=_("Open the partner"),
                kind="partner",
            )
        )
    return steps
