import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationKind, NotificationPreference, User
from .text import CleanTextMixin

PHONE = re.compile(r"\+?[0-9][0-9 .()-]{5,24}")
NAME_HELP = _("How your team and the network will see you, and the name on your attestations.")


class SignupNamesForm(CleanTextMixin, forms.Form):
    """The names asked at sign-up, before allauth's email and password fields."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        help_text=NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "preferred_language"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone (optional)"),
            "preferred_language": _("Language"),
        }
        help_texts = {
            "first_name": NAME_HELP,
            "phone": _("Shown to the teams you coach, if you are a coach at head office."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        # Left out of a form, the language stays as it is.
        self.fields["preferred_language"].required = False

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces, dots or dashes, e.g. 06 12 34 56 78.")
            )
        return phone

    def clean_preferred_language(self):
        return self.cleaned_data.get("preferred_language") or self.instance.preferred_language


class NotificationPreferencesForm(forms.Form):
    """Per kind of notification: an email at once, a daily digest, or no email."""

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=NotificationPreference.Delivery.choices,
                initial=current.get(kind.value, NotificationPreference.Delivery.AT_ONCE),
                widget=forms.RadioSelect,
            )
