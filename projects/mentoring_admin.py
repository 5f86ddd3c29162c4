"""Head office pairs projects with mentors in the Wagtail admin ("Canteen projects" >
"Mentoring"): a pairing is created through `mentoring.pair` (the same rules and notifications
as everywhere), then only its note and its end date change; nobody deletes one.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from canteen_site.permissions import users_with_perm
from canteen_site.spreadsheets import SafeCsvExportMixin
from canteen_site.text import CleanTextMixin

from . import mentoring
from .access import MENTOR_PROJECT
from .models import Mentorship, Project


class MentorshipForm(CleanTextMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "mentor" in self.fields:
            self.fields["mentor"].queryset = users_with_perm(MENTOR_PROJECT).order_by(
                "last_name", "first_name", "email"
            )
        if "project" in self.fields:
            self.fields["project"].queryset = Project.objects.current().filter(
                status__in=mentoring.MENTORED
            )

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            project, mentor = data.get("project"), data.get("mentor")
            if project is not None and mentor is not None:
                problem = mentoring.pair_problem(project, mentor)
                if problem:
                    raise forms.ValidationError(problem)
        else:
            ended_on = data.get("ended_on")
            if ended_on is None and self.instance.ended_on is not None:
                self.add_error("ended_on", _("An ended mentorship cannot start again: pair anew."))
            elif ended_on is not None and ended_on < self.instance.started_on:
                self.add_error("ended_on", _("A mentorship cannot end before it started."))
        return data


class MentorshipCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return mentoring.pair(data["project"], data["mentor"], self.request.user, data["note"])


class MentorshipIndexView(SafeCsvExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("project", "mentor", "mentor_project")


class MentorshipViewSet(ModelViewSet):
    model = Mentorship
    name = "canteen_mentorships"
    icon = "group"
    menu_label = gettext_lazy("Mentoring")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MentorshipIndexView
    add_view_class = MentorshipCreateView
    form_fields = ["project", "mentor", "note"]
    list_display = [
        "project",
        "mentor",
        "mentor_project",
        "started_on",
        "ended_on",
        "documents_shared",
        "last_activity_at",
    ]
    list_filter = ["mentor_project", "documents_shared"]
    search_fields = ["project__name", "project__city", "mentor__email", "mentor__last_name"]
    list_export = [
        "project",
        "mentor",
        "mentor_project",
        "started_on",
        "ended_on",
        "documents_shared",
        "last_activity_at",
        "note",
    ]
    export_filename = "mentorat"
    ordering = ["-started_on", "-id"]

    def get_form_class(self, for_update=False):
        fields = ["note", "ended_on"] if for_update else ["project", "mentor", "note"]
        return forms.modelform_factory(self.model, form=MentorshipForm, fields=fields)
