"""Filters of the board and reports, and head office's decisions (move, review)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from canteen_site.permissions import users_with_perm
from canteen_site.text import CleanTextMixin
from projects.access import VIEW_PIPELINE
from projects.models import Project, Region, Stage

from .reports import UNDER_WAY, started_span

UNDER_WAY_CHOICE = ""
ALL_CHOICE = "all"


class QuickSelect(forms.Select):
    """A plain <select> built in Python: the template-per-option rendering of Django's widget
    was a noticeable part of the board's time."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        selected.discard("None")
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


def coach_queryset():
    """Head-office people (who see the pipeline), and anyone already coaching a project."""
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=users_with_perm(VIEW_PIPELINE).values("pk"))
            # The coaches' ids read once from the projects' coach index. Not EXISTS per person:
            # PostgreSQL, seeing few coaches for many projects, read every project for each
            # person coaching none (30 ms with 5,000 projects and 51 people).
            | Q(pk__in=Project.objects.filter(coach__isnull=False).values("coach_id"))
        )
        .order_by("first_name", "last_name", "email")
    )


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class PipelineFilterForm(CleanTextMixin, forms.Form):
    """Filters shared by the board, the reports and the exports; they live in the URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False, widget=QuickSelect)
    coach = CoachChoiceField(
        label=_("Coach"),
        queryset=coach_queryset(),
        required=False,
        widget=QuickSelect,
        empty_label=_("Any coach"),
        error_messages={"invalid_choice": _("This coach is unknown: choose one from the list.")},
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    year = forms.TypedChoiceField(
        label=_("Year started"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )

    def __init__(self, data=None, *, years=None, with_status=True, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["coach"].queryset = coach_queryset()
        self.fields["region"].choices = [("", _("Any region")), *Region.choices]
        self.fields["region"].error_messages["invalid_choice"] = _(
            "This region is unknown: choose one from the list."
        )
        self.fields["status"].choices = [
            (UNDER_WAY_CHOICE, _("Under way (lead, active, paused)")),
            *Project.Status.choices,
            (ALL_CHOICE, _("Any status")),
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "This status is unknown: choose one from the list."
        )
        if not with_status:
            del self.fields["status"]
        if years is None:
            first, last = started_span()
            years = range(last.year, first.year - 1, -1) if first else []
        self.fields["year"].choices = [("", _("Any year"))] + [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "This year is outside the years projects started: choose one from the list."
        )

    def filter(self, queryset):
        """Apply the valid filters; an invalid one is reported by the form and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if text := (data.get("q") or "").strip():
            queryset = queryset.filter(
                Q(name__icontains=text)
                | Q(city__icontains=text)
                | Q(neighbourhood__icontains=text)
                | Q(postcode__startswith=text)
            )
        if region := data.get("region"):
            queryset = queryset.filter(region=region)
        if coach := data.get("coach"):
            queryset = queryset.filter(coach=coach)
        if "status" in self.fields:
            status = data.get("status", UNDER_WAY_CHOICE)
            if status == UNDER_WAY_CHOICE:
                queryset = queryset.filter(status__in=UNDER_WAY)
            elif status != ALL_CHOICE:
                queryset = queryset.filter(status=status)
        if year := data.get("year"):
            queryset = queryset.filter(started_on__year=year)
        return queryset

    @property
    def active(self):
        return any(self.data.get(name) for name in self.fields)


class MoveForm(CleanTextMixin, forms.Form):
    """Move a project to a stage, with the reason why (always asked)."""

    to_stage = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Stage.objects.order_by("position"),
        error_messages={
            "required": _("Choose the stage to move the project to."),
            "invalid_choice": _("This stage does not exist: choose one from the list."),
        },
    )
    comment = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Why the project moves: it goes into the history the team sees."),
        error_messages={"required": _("Write a comment: every move is explained in the history.")},
    )
    expected_stage = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(
                _("Write a comment: every move is explained in the history.")
            )
        return comment

    def clean(self):
        data = super().clean()
        to_stage = data.get("to_stage")
        if to_stage is not None and to_stage.pk == self.project.stage_id:
            self.add_error("to_stage", _("The project is already in this stage."))
        expected = data.get("expected_stage")
        if expected and expected != self.project.stage_id:
            raise forms.ValidationError(
                _(
                    "Someone moved this project to “%(stage)s” in the meantime. "
                    "Check that your move still makes sense, then try again."
                ),
                params={"stage": self.project.stage.display_name},
                code="moved_meanwhile",
            )
        return data


class DecisionForm(CleanTextMixin, forms.Form):
    """Accept or send back, with a comment (required to send back)."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("send_back", _("Send back"))],
        error_messages={
            "required": _("Choose whether you accept or send back."),
            "invalid_choice": _("Choose whether you accept or send back."),
        },
    )
    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, comment_always_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment_always_required = comment_always_required

    @property
    def accepted(self):
        return self.cleaned_data["decision"] == "accept"

    def clean(self):
        data = super().clean()
        comment = (data.get("comment") or "").strip()
        data["comment"] = comment
        decision = data.get("decision")
        if not comment and (decision == "send_back" or self.comment_always_required):
            self.add_error(
                "comment", _("Write a comment, so the team knows what you decided and why.")
            )
        return data
