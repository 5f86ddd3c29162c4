"""A project's partners and funding plan: the rules of each change, and the figures the team
space, the team pages, the exit criteria and head office's network view read.

Every change runs in a transaction and marks the project active. A change made from an older
version of a partner or budget line (someone saved in between) is refused with a message: the
save is conditional on the version the form was drawn from, so nothing is lost silently.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.panels import shared as once_per_page

from .models import BudgetLine, Partner, PartnerStatusChange
from .services import ProjectActionError, mark_active

# The network's guidance: about thirty partners by the opening, among them prescribers who
# send diners and funders.
GUIDANCE_PARTNERS = 30
GUIDANCE_PRESCRIBERS = 10
GUIDANCE_FUNDERS = 5
COMMITTED = (Partner.Status.COMMITTED, Partner.Status.SIGNED)
# The stage where the network expects the partners to be found and the money secured.
FUNDING_STAGE_SLUG = "financement-modele"

PARTNER_FIELDS = [
    "name",
    "kind",
    "roles",
    "status",
    "contact_name",
    "contact_email",
    "contact_phone",
    "followed_by",
    "next_step",
    "next_step_on",
    "amount_asked",
    "amount_promised",
    "amount_received",
    "notes",
]
BUDGET_FIELDS = ["period", "category", "label", "amount"]


def stale_message():
    return _(
        "Someone else saved this in the meantime: your changes were not saved. "
        "The page now shows their version; make your changes again."
    )


def _refuse_if_archived(project):
    if project.archived_at is not None:
        raise ProjectActionError(_("This project is archived: nothing can change any more."))


# Partners ------------------------------------------------------------------------------------


def add_partner(project, data, by, *, at=None):
    """A new partner from a form's cleaned data; its first status is logged."""
    _refuse_if_archived(project)
    at = at or timezone.now()
    with transaction.atomic():
        partner = Partner(project=project, created_by=by, created_at=at)
        for name in PARTNER_FIELDS:
            setattr(partner, name, data[name])
        partner.save()
        PartnerStatusChange.objects.create(
            partner=partner, from_status="", to_status=partner.status, changed_at=at, changed_by=by
        )
        mark_active(project, at)
    return partner


def update_partner(partner, data, version, by):
    """Save the form's data if the partner is still at `version`; log a status change."""
    fields = {name: data[name] for name in PARTNER_FIELDS}
    return _save_partner(partner, fields, version, by)


def change_status(partner, status, version, by, *, at=None):
    return _save_partner(partner, {"status": status}, version, by, at=at)


def _save_partner(partner, fields, version, by, *, at=None):
    _refuse_if_archived(partner.project)
    at = at or timezone.now()
    with transaction.atomic():
        previous = partner.status
        saved = Partner.objects.filter(pk=partner.pk, version=version).update(
            **fields, version=F("version") + 1, updated_at=at
        )
        if not saved:
            raise ProjectActionError(stale_message())
        if fields.get("status", previous) != previous:
            PartnerStatusChange.objects.create(
                partner=partner,
                from_status=previous,
                to_status=fields["status"],
                changed_at=at,
                changed_by=by,
            )
        mark_active(partner.project, at)
    partner.refresh_from_db()
    return partner


def import_partners(project, rows, by):
    """Partners from already validated rows (dicts of PARTNER_FIELDS), all or none."""
    _refuse_if_archived(project)
    with transaction.atomic():
        return [add_partner(project, row, by) for row in rows]


# Budget --------------------------------------------------------------------------------------


def add_budget_line(project, data, by):
    _refuse_if_archived(project)
    with transaction.atomic():
        line = BudgetLine.objects.create(
            project=project, created_by=by, **{name: data[name] for name in BUDGET_FIELDS}
        )
        mark_active(project, timezone.now())
    return line


def update_budget_line(line, data, version, by):
    return _save_line(line, {name: data[name] for name in BUDGET_FIELDS}, version)


def withdraw_budget_line(line, version, by):
    return _save_line(line, {"withdrawn_at": timezone.now()}, version)


def _save_line(line, fields, version):
    _refuse_if_archived(line.project)
    with transaction.atomic():
        saved = BudgetLine.objects.filter(
            pk=line.pk, version=version, withdrawn_at__isnull=True
        ).update(**fields, version=F("version") + 1, updated_at=timezone.now())
        if not saved:
            raise ProjectActionError(stale_message())
        mark_active(line.project, timezone.now())
    line.refresh_from_db()
    return line


# Figures -------------------------------------------------------------------------------------


@dataclass
class Guidance:
    """Where the team stands against the network's guidance (partners not declined)."""

    partners: int
    committed: int
    prescribers: int
    funders: int
    target: int = GUIDANCE_PARTNERS
    prescribers_target: int = GUIDANCE_PRESCRIBERS
    funders_target: int = GUIDANCE_FUNDERS

    @property
    def percent(self):
        return min(100, round(100 * self.partners / self.target)) if self.target else 100


def guidance(partners):
    """From the project's partners (a list already loaded: no query)."""
    active = [partner for partner in partners if partner.status != Partner.Status.DECLINED]
    return Guidance(
        partners=len(active),
        committed=sum(1 for partner in active if partner.is_committed),
        prescribers=sum(1 for partner in active if Partner.Role.PRESCRIBER in partner.roles),
        funders=sum(1 for partner in active if Partner.Role.FUNDER in partner.roles),
    )


ACTIVE_FIELDS = (
    "id",
    "name",
    "status",
    "roles",
    "amount_promised",
    "amount_received",
    "next_step",
    "next_step_on",
)


def active_rows(project, store=None):
    """The team's partners not declined, as dicts of a few fields: one query, read once per page
    with a `store` (the team space's panel, exit criteria and "what to do now" share it)."""
    return once_per_page(
        store,
        ("active_partners", project.pk),
        lambda: list(
            Partner.objects.filter(project=project)
            .exclude(status=Partner.Status.DECLINED)
            .order_by("id")
            .values(*ACTIVE_FIELDS)
        ),
    )


def guidance_for(project, store=None):
    """The same figures without loading the partners."""
    rows = active_rows(project, store)
    return Guidance(
        partners=len(rows),
        committed=sum(1 for row in rows if row["status"] in COMMITTED),
        prescribers=sum(1 for row in rows if Partner.Role.PRESCRIBER in row["roles"]),
        funders=sum(1 for row in rows if Partner.Role.FUNDER in row["roles"]),
    )


@dataclass
class Funding:
    budget: int
    promised: int
    received: int
    by_period: dict

    @property
    def secured(self):
        """What funders promised (received money was promised first: the larger counts)."""
        return max(self.promised, self.received)

    @property
    def pending(self):
        """Promised, not received yet."""
        return self.secured - self.received

    @property
    def secured_percent(self):
        if not self.budget:
            return 0
        return round(100 * self.secured / self.budget)

    @property
    def received_percent(self):
        if not self.budget:
            return 0
        return round(100 * self.received / self.budget)

    @property
    def missing(self):
        return max(0, self.budget - self.secured)


def funding(project, store=None):
    """The budget (lines not withdrawn) against funders' amounts: two queries (one with a
    `store` that holds the partners already)."""
    by_period = {
        row["period"]: row["total"]
        for row in BudgetLine.objects.filter(project=project, withdrawn_at__isnull=True)
        .values("period")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    rows = active_rows(project, store)
    return Funding(
        budget=sum(by_period.values()),
        promised=sum(row["amount_promised"] for row in rows),
        received=sum(row["amount_received"] for row in rows),
        by_period=by_period,
    )


def bar_widths(figures):
    """Widths (0–100) of the received part and of the promised part not yet received."""
    if not figures.budget:
        return {"received": 0, "promised": 0}
    received = min(100, 100 * figures.received / figures.budget)
    secured = min(100, 100 * figures.secured / figures.budget)
    return {"received": round(received, 1), "promised": round(secured - received, 1)}


def committed_count(project, store=None):
    return sum(1 for row in active_rows(project, store) if row["status"] in COMMITTED)


def partners_by(partners, grouping):
    """[(label, [partners])] by status (in the order of the road) or by role (a partner with
    several roles is under each; those without a role last)."""
    if grouping == "role":
        groups = [
            (label, [partner for partner in partners if value in partner.roles])
            for value, label in Partner.Role.choices
        ]
        groups.append((_("No role given"), [partner for partner in partners if not partner.roles]))
    else:
        groups = [
            (label, [partner for partner in partners if partner.status == value])
            for value, label in Partner.Status.choices
        ]
    return [(label, members) for label, members in groups if members]
