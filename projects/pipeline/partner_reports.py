"""Head office's network view of partners: figures per project and per stage, by kind of
partner and by region, read in one query each whatever the number of projects and partners."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from projects.models import BudgetLine, Partner, Region
from projects.partners import COMMITTED, FUNDING_STAGE_SLUG, GUIDANCE_PARTNERS

ACTIVE = ~Q(partners__status=Partner.Status.DECLINED)


def project_rows(queryset):
    """The projects with their partners' figures and their budget (one query)."""
    budget = (
        BudgetLine.objects.filter(project=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return list(
        queryset.select_related("stage")
        .annotate(
            partner_count=Count("partners", filter=ACTIVE),
            committed_count=Count("partners", filter=Q(partners__status__in=COMMITTED)),
            promised=Coalesce(Sum("partners__amount_promised", filter=ACTIVE), 0),
            received=Coalesce(Sum("partners__amount_received", filter=ACTIVE), 0),
            budget=Coalesce(Subquery(budget, output_field=IntegerField()), 0),
        )
        .order_by("stage__position", "name", "id")
    )


def secured_percent(row):
    if not row.budget:
        return None
    return round(100 * max(row.promised, row.received) / row.budget)


@dataclass
class StageRow:
    stage: object
    projects: int = 0
    partners: int = 0
    committed: int = 0

    @property
    def average(self):
        return round(self.partners / self.projects, 1) if self.projects else 0


def stage_rows(rows, stages):
    found = {stage.pk: StageRow(stage) for stage in stages}
    for row in rows:
        bucket = found[row.stage_id]
        bucket.projects += 1
        bucket.partners += row.partner_count
        bucket.committed += row.committed_count
    return list(found.values())


def short_of_partners(rows):
    """Projects at the funding stage with fewer partners committed than the stage asks (or,
    when it asks nothing, fewer partners than the network's guidance)."""
    short = []
    for row in rows:
        if row.stage.slug != FUNDING_STAGE_SLUG:
            continue
        needed = row.stage.min_partners_committed
        if (
            needed
            and row.committed_count < needed
            or not needed
            and (row.partner_count < GUIDANCE_PARTNERS)
        ):
            short.append(row)
    return short


@dataclass
class KindRow:
    kind: str
    label: str
    total: int = 0
    committed: int = 0
    declined: int = 0
    promised: int = 0
    received: int = 0

    @property
    def rate(self):
        """The share of this kind's partners that committed, of those with an answer."""
        answered = self.committed + self.declined
        return round(100 * self.committed / answered) if answered else None


def kind_rows(queryset):
    """Partners of the projects by kind, most committing first (one query)."""
    counts = {
        row["kind"]: row
        for row in Partner.objects.filter(project__in=queryset.values("pk"))
        .order_by()
        .values("kind")
        .annotate(
            total=Count("id"),
            committed=Count("id", filter=Q(status__in=COMMITTED)),
            declined=Count("id", filter=Q(status=Partner.Status.DECLINED)),
            promised=Sum("amount_promised", filter=~Q(status=Partner.Status.DECLINED)),
            received=Sum("amount_received", filter=~Q(status=Partner.Status.DECLINED)),
        )
    }
    rows = []
    for value, label in Partner.Kind.choices:
        found = counts.get(value, {})
        rows.append(
            KindRow(
                kind=value,
                label=label,
                total=found.get("total", 0),
                committed=found.get("committed", 0),
                declined=found.get("declined", 0),
                promised=found.get("promised") or 0,
                received=found.get("received") or 0,
            )
        )
    rows.sort(key=lambda row: (-(row.rate or 0), -row.committed, row.label))
    return rows


@dataclass
class RegionRow:
    region: str
    label: str
    partners: int = 0
    promised: int = 0
    received: int = 0


def region_rows(queryset):
    """Amounts promised and received by the projects' region (one query); regions without a
    partner are left out."""
    labels = dict(Region.choices)
    rows = (
        Partner.objects.filter(project__in=queryset.values("pk"))
        .exclude(status=Partner.Status.DECLINED)
        .order_by()
        .values("project__region")
        .annotate(
            partners=Count("id"), promised=Sum("amount_promised"), received=Sum("amount_received")
        )
    )
    found = [
        RegionRow(
            region=row["project__region"],
            label=labels.get(row["project__region"], "–"),
            partners=row["partners"],
            promised=row["promised"] or 0,
            received=row["received"] or 0,
        )
        for row in rows
    ]
    found.sort(key=lambda row: (-row.promised, row.label))
    return found
