"""Forms of a project's partners and funding plan (team pages)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from canteen_site.text import CleanTextMixin

from .models import BudgetLine, Partner

NEGATIVE_AMOUNT = _("An amount cannot be negative.")
AMOUNT_ERRORS = {"min_value": NEGATIVE_AMOUNT}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(CleanTextMixin, forms.ModelForm):
    """Carries the version of the row it was drawn from: the service refuses a save made
    from an older version (someone else saved in between)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class PartnerForm(VersionedForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Partner.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the partner brings: tick every role that applies."),
    )

    class Meta:
        model = Partner
        fields = [
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
        widgets = {
            "next_step_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "amount_asked": AMOUNT_ERRORS,
            "amount_promised": AMOUNT_ERRORS,
            "amount_received": AMOUNT_ERRORS,
        }

    def __init__(self, *args, project, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        followed = self.fields["followed_by"]
        followed.label = _("Team member who follows this partner")
        users = [membership.user for membership in members]
        followed.queryset = followed.queryset.filter(pk__in=[user.pk for user in users])
        # The members the page already loaded, without querying them again.
        followed.choices = [("", "—")] + [(user.pk, str(user)) for user in users]
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "off", "type": "tel"})
        for name in ("amount_asked", "amount_promised", "amount_received"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "0"})
            self.fields[name].required = False
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_next_step_on(self):
        day = self.cleaned_data.get("next_step_on")
        started = self.project.started_on
        if day and started and day < started:
            raise forms.ValidationError(
                _("The date cannot be before the project started (%(date)s).")
                % {"date": started.strftime("%d/%m/%Y")}
            )
        return day

    def clean(self):
        data = super().clean()
        for name in ("amount_asked", "amount_promised", "amount_received"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Partner.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class BudgetLineForm(VersionedForm):
    class Meta:
        model = BudgetLine
        fields = ["period", "category", "label", "amount"]
        error_messages = {"amount": AMOUNT_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update({"inputmode": "numeric", "min": "0"})
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet file"),
        help_text=_("CSV or XLSX, one partner a line, with the column names of the model file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
