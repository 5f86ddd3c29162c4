"""Forms of the questions to the network and of the examples (plain text only)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from canteen_site.text import CleanTextMixin
from projects.models import Stage
from projects.uploads import ACCEPT_ATTRIBUTE, check_upload

from .examples import DESCRIPTION_MAX_LENGTH
from .questions import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from .resources import ResourceTag


def toolbox_topics():
    """The topics the toolbox's resources use (its themes)."""
    return Tag.objects.filter(pk__in=ResourceTag.objects.values("tag_id")).order_by("name")


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class QuestionForm(CleanTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("One sentence, e.g. “How did you find your first partners?”"),
    )
    text = forms.CharField(
        label=_("Details"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text. Web addresses (http or https) become links. Every network member can "
            "read it: write nothing private."
        ),
    )
    stage = StageChoiceField(
        label=_("Project stage"),
        queryset=Stage.objects.order_by("position"),
        required=False,
        empty_label=_("(no stage)"),
    )
    topic = forms.ModelChoiceField(
        label=_("Toolbox topic"),
        queryset=Tag.objects.none(),
        required=False,
        empty_label=_("(no topic)"),
        help_text=_("Choose a stage, a topic, or both."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = toolbox_topics()

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("stage") and not cleaned.get("topic"):
            raise forms.ValidationError(
                _("Choose the stage or the toolbox topic your question is about.")
            )
        return cleaned


class AnswerForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Web addresses (http or https) become links."),
    )


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Why?"), max_length=REASON_MAX_LENGTH)


class OptionalReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why? (optional)"), max_length=REASON_MAX_LENGTH, required=False
    )


class ProposeExampleForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title in the toolbox"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Why it is a good example (optional)"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsentForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("publish", _("Yes, publish it for the other teams")),
            ("decline", _("No, keep it for our team")),
        ],
        widget=forms.RadioSelect,
    )
    credit_canteen = forms.BooleanField(label=_("Credit our canteen by its name"), required=False)
    show_uploader = forms.BooleanField(
        label=_("Show the name of the person who uploaded it"), required=False
    )
    replacement = forms.FileField(
        label=_("An anonymised copy to publish instead (optional)"),
        required=False,
        help_text=_(
            "If the document holds names, phone numbers or addresses, upload a copy without them: "
            "only that copy will be published."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def clean_replacement(self):
        upload = self.cleaned_data.get("replacement")
        return check_upload(upload) if upload else None
