"""Head office's view of the mentors' load: per mentor, the projects they mentor now and the
last mentoring activity (messages, visits), with a link to pair a project."""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from canteen_site.permissions import holders_q
from projects import mentoring
from projects.access import MENTOR_PROJECT, PAIR_MENTORS

from .views import PipelineView


class MentorsView(PipelineView):
    template_name = "projects/pipeline/mentors.html"
    page_title = gettext_lazy("Mentors' load")
    tab = "mentors"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        load = mentoring.mentor_load()
        busy = {row.mentor.pk for row in load}
        # Mentors without a project now: holders of the role (superusers are not mentors).
        idle = (
            get_user_model()
            .objects.filter(holders_q(MENTOR_PROJECT), is_active=True)
            .exclude(pk__in=busy)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        now = timezone.now()
        for row in load:
            row.days_since = (now - row.last_activity_at).days if row.last_activity_at else None
            for pairing in row.pairings:
                pairing.space_url = reverse(
                    "projects:mentoring", args=[pairing.project.slug, pairing.pk]
                )
        try:
            add_url = reverse("canteen_mentorships:add")
            list_url = reverse("canteen_mentorships:index")
        except NoReverseMatch:
            add_url = list_url = ""
        context.update(
            load=load,
            idle=list(idle),
            add_url=add_url if self.request.user.has_perm(PAIR_MENTORS) else "",
            list_url=list_url,
        )
        return context
