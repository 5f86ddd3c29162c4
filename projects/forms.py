from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from canteen_site.text import CleanTextMixin

from .uploads import ACCEPT_ATTRIBUTE, MAX_UPLOAD_SIZE, check_upload

postcode_validator = RegexValidator(
    r"^(?:\d{5}|\d{3} ?\d{2}|2[AB]\d{3})$", _("Enter a French postcode, e.g. 69005.")
)


class StartCanteenForm(CleanTextMixin, forms.Form):
    """The public "start a canteen in my neighbourhood" form."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    city = forms.CharField(label=_("City"), max_length=100)
    postcode = forms.CharField(label=_("Postcode"), max_length=6, validators=[postcode_validator])
    neighbourhood = forms.CharField(
        label=_("Neighbourhood"),
        max_length=150,
        required=False,
        help_text=_("The part of town where you would like the canteen."),
    )
    neighbours_interested = forms.IntegerField(
        label=_("How many neighbours are already interested?"),
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text=_("Counting yourself. Zero is fine: everyone starts somewhere."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tell us about your neighbourhood and what makes you want a canteen there."),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["postcode"].widget.attrs.update(
            {"autocomplete": "postal-code", "inputmode": "numeric"}
        )
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_postcode(self):
        return self.cleaned_data["postcode"].replace(" ", "").upper()

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


class UploadForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, JPG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    max_size = MAX_UPLOAD_SIZE

    def clean_file(self):
        return check_upload(self.cleaned_data.get("file"))


class ReviewForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("changes", _("Ask for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class StageRequestForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("A word for head office (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


class DecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: move the project on")), ("return", _("Send back"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Required when you send the request back: say what is missing."),
    )


class MoveForm(CleanTextMixin, forms.Form):
    prefix = "move"
    stage = forms.ModelChoiceField(label=_("Move to stage"), queryset=None, empty_label=None)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args, stages, current, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Stage

        field = self.fields["stage"]
        field.queryset = Stage.objects.exclude(pk=current.pk).order_by("position")
        # Offer the stages already loaded by the page instead of querying them again.
        field.choices = [(stage.pk, str(stage)) for stage in stages if stage.pk != current.pk]
        # The usual move is one stage on: preselect it rather than the first stage of all.
        following = [stage for stage in stages if stage.position > current.position]
        if following:
            field.initial = following[0].pk


class ArchiveForm(CleanTextMixin, forms.Form):
    prefix = "archive"
    comment = forms.CharField(
        label=_("Why archive this project?"),
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


class InvitationForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"), max_length=254)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MessageForm(forms.Form):
    """A message of the conversation, with an optional attachment (the deliverables' checks)."""

    text = forms.CharField(
        label=_("Your message"),
        max_length=5000,  # services.MESSAGE_MAX_LENGTH
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": _("Write a message before sending it.")},
    )
    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, JPG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    # "document-<id>" or "request-<id>": what the message is about (checked by the view).
    about = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else None


class FollowUpForm(forms.Form):
    prefix = "follow-up"
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=3000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("What was said or done."),
        error_messages={"required": _("Write a note: what was said or done.")},
    )
    next_action = forms.CharField(
        label=_("Next action (optional)"),
        max_length=200,
        required=False,
        help_text=_("What head office will do next, e.g. “call the team lead”."),
    )
    next_action_due = forms.DateField(
        label=_("Next action due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        from .models import FollowUp

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FollowUp.Kind.choices
        self.fields["happened_on"].initial = timezone.localdate()
