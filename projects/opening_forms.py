"""The forms of the opening plan page. The rules (dates, team members) are the services' (see
`opening_plan`); the forms read the input and give each field its label."""

from django import forms
from django.utils.translation import gettext_lazy as _

from canteen_site.text import CleanTextMixin

DATE_WIDGET = {"type": "date"}


def member_choices(memberships):
    return [("", _("Nobody yet"))] + [
        (str(membership.user_id), membership.user.display_name) for membership in memberships
    ]


class AssigneeField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Assigned to"),
            required=False,
            coerce=int,
            empty_value=None,
            error_messages={
                "invalid_choice": _("Choose a member of the team, or nobody."),
            },
            **kwargs,
        )


class TargetDateForm(CleanTextMixin, forms.Form):
    prefix = "target"
    target = forms.DateField(
        label=_("Target opening date"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"required": _("Give the target opening date.")},
    )
    # The date the person saw, checked when saving: "" when there was none.
    expected = forms.CharField(required=False, widget=forms.HiddenInput, max_length=10)
    comment = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=300,
        help_text=_("It goes into the history, e.g. “the works take two more months”."),
        widget=forms.TextInput(attrs={"aria-describedby": "target-comment-help"}),
    )

    def clean_expected(self):
        value = self.cleaned_data["expected"]
        if not value:
            return None
        try:
            return forms.DateField().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("Reload the page and try again.")) from None


class AddTaskForm(CleanTextMixin, forms.Form):
    prefix = "task"
    name = forms.CharField(
        label=_("Task"),
        max_length=200,
        error_messages={"required": _("Name the task.")},
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"required": _("Give the task's due date.")},
    )
    assignee = AssigneeField()

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = member_choices(memberships)


class EditTaskForm(forms.Form):
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"required": _("Give the task's due date.")},
    )
    assignee = AssigneeField()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = member_choices(memberships)
