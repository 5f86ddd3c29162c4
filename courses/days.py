"""The in-person training days: a day's page (its programme, course and stages), its dated
sessions, the seats people take in them (with the waiting list and attendance), and the
participants' feedback. The rules that change them are in `courses.day_services`; the learners'
and trainers' actions in `courses.day_views`.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from canteen_site.blocks import RICH_TEXT_FEATURES
from projects.access import current_memberships
from projects.models import Membership

from .ical import sessions_calendar

UPCOMING_PER_PAGE = 20
PAST_ON_DAY_PAGE = 10
FEED_PAST_DAYS = 90


def calendar_response(request, sessions, filename):
    response = HttpResponse(
        sessions_calendar(request, sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


TAKE_ATTENDANCE = "courses.take_attendance"
TAKE_ANY_ATTENDANCE = "courses.take_any_attendance"


def team_signup_context(user, session):
    """The user's current teams, each with its current members and their seats in this session
    (a fixed number of queries), for the session page's sign-up form."""
    if not user.is_authenticated:
        return {"teams": [], "can_take_attendance": False}
    memberships = list(current_memberships(user).select_related("project"))
    projects = [membership.project for membership in memberships]
    seats = {
        seat.user_id: seat
        for seat in session.seats.filter(project__in=projects).exclude(
            status=SessionSeat.Status.CANCELLED
        )
    }
    members = Membership.objects.filter(project__in=projects, left_on__isnull=True)
    by_project = {}
    for membership in members.select_related("user").order_by("user__first_name", "user__email"):
        by_project.setdefault(membership.project_id, []).append(
            (membership.user, seats.get(membership.user_id))
        )
    teams = [
        {
            "project": project,
            "members": by_project.get(project.pk, []),
            "signed_up": any(seat for _user, seat in by_project.get(project.pk, [])),
        }
        for project in sorted(projects, key=lambda item: item.name)
    ]
    return {"teams": teams, "can_take_attendance": session.attendance_allowed(user)}


class SessionQuerySet(models.QuerySet):
    def with_places(self):
        """Each session with its confirmed seats and teams counted (one query for a list)."""
        confirmed = Q(seats__status=SessionSeat.Status.CONFIRMED)
        return self.annotate(
            taken=Count("seats", filter=confirmed),
            teams_taken=Count("seats__project", filter=confirmed, distinct=True),
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def for_lists(self):
        return (
            self.select_related("day", "canteen")
            .with_places()
            .defer("day__programme", "day__summary")
        )


class TrainingDayIndexPage(RoutablePageMixin, Page):
    """/formation/journees/: the upcoming sessions of every day, an archive and a calendar feed."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.CourseCatalogPage"]
    subpage_types = ["courses.TrainingDayPage"]
    max_count = 1

    class Meta:
        verbose_name = _("training days")

    def sessions(self):
        return TrainingSession.objects.filter(
            day__path__startswith=self.path, day__live=True
        ).for_lists()

    @path("")
    def upcoming(self, request):
        return self._list(request, self.sessions().upcoming().order_by("starts_at", "pk"), False)

    @path("archives/")
    def archive(self, request):
        return self._list(request, self.sessions().past().order_by("-starts_at", "-pk"), True)

    def _list(self, request, sessions, past):
        page = Paginator(sessions, UPCOMING_PER_PAGE).get_page(request.GET.get("page"))
        context = self.get_context(request)
        context.update({"sessions": page, "past": past})
        return TemplateResponse(request, "courses/training_day_index_page.html", context)

    @path("calendrier/")
    def feed(self, request):
        recent = timezone.now() - timedelta(days=FEED_PAST_DAYS)
        sessions = self.sessions().filter(ends_at__gte=recent)
        return calendar_response(request, sessions, "journees-de-formation.ics")


class TrainingDayPage(RoutablePageMixin, Page):
    """One of the network's training days (for example shared governance), with its sessions."""

    summary = models.CharField(_("summary"), max_length=300)
    programme = RichTextField(_("programme"), features=RICH_TEXT_FEATURES)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_days",
        verbose_name=_("course"),
        help_text=_("The online course this day belongs to."),
    )
    stages = ParentalManyToManyField(
        "projects.Stage",
        blank=True,
        related_name="training_days",
        verbose_name=_("stages it serves"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("programme"),
        FieldPanel("course"),
        FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("programme"),
    ]
    parent_page_types = ["courses.TrainingDayIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training day")
        verbose_name_plural = _("training days")

    def sessions_for_lists(self):
        return self.sessions.all().for_lists()

    @path("")
    def day(self, request):
        context = self.get_context(request)
        context["sessions"] = list(self.sessions_for_lists().upcoming().order_by("starts_at"))
        context["past_sessions"] = list(
            self.sessions_for_lists().past().order_by("-starts_at")[:PAST_ON_DAY_PAGE]
        )
        return TemplateResponse(request, "courses/training_day_page.html", context)

    @path("session/<int:session_id>/")
    def session(self, request, session_id):
        session = get_object_or_404(
            self.sessions_for_lists().prefetch_related("trainers"), pk=session_id
        )
        context = self.get_context(request)
        context["session"] = session
        context.update(team_signup_context(request.user, session))
        return TemplateResponse(request, "courses/training_session_page.html", context)

    @path("session/<int:session_id>/calendrier/")
    def session_ics(self, request, session_id):
        session = get_object_or_404(self.sessions_for_lists(), pk=session_id)
        return calendar_response(request, [session], f"session-{session.pk}.ics")

    def serve_preview(self, request, mode_name):
        context = self.get_context(request)
        context.update({"sessions": [], "past_sessions": []})
        return TemplateResponse(request, "courses/training_day_page.html", context)


class TrainingSession(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CANCELLED = "cancelled", _("Cancelled")

    day = models.ForeignKey(
        TrainingDayPage,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("training day"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    canteen = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sessions",
        limit_choices_to={"status": "open"},
        verbose_name=_("host canteen"),
        help_text=_("An open canteen of the network; or give an address below."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity_people = models.PositiveSmallIntegerField(
        _("places (people)"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    capacity_teams = models.PositiveSmallIntegerField(
        _("places (teams)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("trainers"),
    )
    signup_deadline = models.DateTimeField(_("sign-up deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    practical_note = models.TextField(
        _("practical note"),
        blank=True,
        max_length=2000,
        help_text=_("What to bring, how to get there, meals."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("day"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel([FieldPanel("canteen"), FieldPanel("address")], heading=_("Place")),
        FieldRowPanel([FieldPanel("capacity_people"), FieldPanel("capacity_teams")]),
        FieldPanel("signup_deadline"),
        FieldPanel("trainers"),
        FieldPanel("status"),
        FieldPanel("practical_note"),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        permissions = [
            ("take_attendance", _("Can take attendance of the sessions they lead")),
            ("take_any_attendance", _("Can take attendance of any training session")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(signup_deadline__lte=models.F("starts_at")),
                name="session_deadline_before_start",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.day.title} · {local:%d/%m/%Y}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.starts_at and self.signup_deadline and self.signup_deadline > self.starts_at:
            errors["signup_deadline"] = _("The sign-up deadline must come before the session.")
        if not self.canteen_id and not self.address.strip():
            errors["address"] = _("Choose the host canteen or give an address.")
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        if self.canteen_id:
            name = f"{self.canteen.name} ({self.canteen.city})"
            return f"{name}, {self.address}" if self.address else name
        return self.address

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def places_left(self):
        """Needs `with_places()`."""
        return max(self.capacity_people - self.taken, 0)

    def teams_left(self):
        return max(self.capacity_teams - self.teams_taken, 0)

    @property
    def is_full(self):
        return self.places_left() == 0 or self.teams_left() == 0

    def signups_open(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.OPEN and now <= self.signup_deadline

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def attendance_allowed(self, user):
        """Head office for any session; a trainer for the sessions they lead."""
        if not user.is_authenticated:
            return False
        if user.has_perm(TAKE_ANY_ATTENDANCE):
            return True
        return user.has_perm(TAKE_ATTENDANCE) and self.trainers.filter(pk=user.pk).exists()


class SessionSeat(models.Model):
    """One person's place in a session, taken by their team. Never deleted: a cancelled seat
    stays, marked cancelled, so that the history of sign-ups and attendance is kept."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not taken yet")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="seats", verbose_name=_("session")
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="session_seats",
        verbose_name=_("project"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="session_seats",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    attendance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attendance_at = models.DateTimeField(null=True, blank=True)
    # What the emails have told this person so far (see `send_training_day_emails`).
    notified_status = models.CharField(max_length=10, blank=True, default="")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("seat in a training session")
        verbose_name_plural = _("seats in training sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="one_active_seat_per_person",
            )
        ]
        indexes = [models.Index(fields=["session", "status"], name="seat_session_status")]

    def __str__(self):
        return f"{self.user} · {self.session}"


class SessionFeedback(models.Model):
    """A participant's short feedback after the day."""

    seat = models.OneToOneField(
        SessionSeat, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("seat")
    )
    usefulness = models.PositiveSmallIntegerField(
        _("how useful was the day"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    take_home = models.TextField(_("what you take home"), max_length=2000)
    quote = models.CharField(_("a sentence to share"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback on a training session")
        verbose_name_plural = _("feedback on training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5), name="feedback_usefulness"
            )
        ]

    def __str__(self):
        return f"{self.seat} · {self.usefulness}/5"

    @property
    def satisfied(self):
        return self.usefulness >= 4


class StageTrainingDayRequirement(models.Model):
    """Exit criterion of a stage: the team attended this training day (one member present)."""

    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.CASCADE,
        related_name="required_training_days",
        verbose_name=_("stage"),
    )
    day = models.ForeignKey(
        TrainingDayPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("training day")
    )

    panels = [FieldPanel("stage"), FieldPanel("day")]

    class Meta:
        ordering = ["stage__position", "day__title"]
        verbose_name = _("training day required to leave a stage")
        verbose_name_plural = _("training days required to leave a stage")
        constraints = [
            models.UniqueConstraint(fields=["stage", "day"], name="unique_stage_training_day")
        ]

    def __str__(self):
        return f"{self.stage} · {self.day}"
