"""Forms of the network's profiles, directory and mentoring (plain text everywhere)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canteen_site.text import CleanTextMixin

from . import help_topics
from .models import PRESENTATION_MAX_LENGTH, MentoringVisit, Region, Stage
from .network import OPEN_FILTER, DirectoryFilters


class ProfileForm(CleanTextMixin, forms.Form):
    prefix = "profile"
    presentation = forms.CharField(
        label=_("Short presentation"),
        required=False,
        max_length=PRESENTATION_MAX_LENGTH,
        widget=forms.Textarea({"rows": 5}),
        help_text=_(
            "Who you are, where you stand, what you have learnt. Network members only read it."
        ),
    )
    topics = forms.MultipleChoiceField(
        label=_("What your team can help with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other teams find you by these in the directory."),
    )
    # When the form was loaded: a profile saved by someone else since is not overwritten.
    version = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = help_topics.choices()


class ConsentForm(forms.Form):
    prefix = "consent"
    network_contact = forms.BooleanField(
        label=_("Network members may see my name and email on our profile, to contact me"),
        required=False,
    )
    network_phone = forms.BooleanField(
        label=_("Show my phone number too"),
        required=False,
        help_text=_("Only with the box above ticked."),
    )
    offers_mentoring = forms.BooleanField(
        label=_("I agree to mentor a team starting out"),
        required=False,
        help_text=_("Head office may then ask you to follow a project."),
    )


class DirectoryFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    help = forms.ChoiceField(label=_("Can help with"), required=False)

    def __init__(self, *args, topic_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["region"].choices = everything + list(Region.choices)
        stages = [
            (stage.slug, stage.display_name)
            for stage in Stage.objects.only("slug", "name", "name_en").order_by("position")
        ]
        self.fields["stage"].choices = everything + [(OPEN_FILTER, _("Open canteens"))] + stages
        self.fields["help"].choices = everything + help_topics.choices(topic_groups)

    def filters(self):
        if not self.is_bound or not self.is_valid():
            return DirectoryFilters()
        data = self.cleaned_data
        return DirectoryFilters(region=data["region"], stage=data["stage"], topic=data["help"])


class MentoringMessageForm(CleanTextMixin, forms.Form):
    prefix = "message"
    text = forms.CharField(
        label=_("Your message"),
        max_length=5000,  # mentoring.MESSAGE_MAX_LENGTH
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": _("Write a message before sending it.")},
    )


class VisitForm(CleanTextMixin, forms.Form):
    prefix = "visit"
    kind = forms.ChoiceField(label=_("Kind"), choices=MentoringVisit.Kind.choices)
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("What you did, what comes next"),
        max_length=3000,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"happened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ShareForm(forms.Form):
    shared = forms.BooleanField(required=False)
