"""Filters of the admin listings of projects."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import Project, Region, Stage


def _coaches(request):
    from .admin_views import head_office_users

    return head_office_users()


class ProjectFilterSet(WagtailFilterSet):
    stage = django_filters.ModelChoiceFilter(
        label=_("Stage"), queryset=Stage.objects.order_by("position")
    )
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Project.Status.choices)
    coach = django_filters.ModelChoiceFilter(label=_("Coach"), queryset=_coaches)
    archived = django_filters.BooleanFilter(
        label=_("Archived"), field_name="archived_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Project
        fields = ["stage", "region", "status", "coach", "archived"]
