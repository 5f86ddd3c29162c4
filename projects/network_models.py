"""The network's learning community: what a team shows other teams (its profile), and
mentoring (a project paired with a mentor from an open canteen or a team further along).

Imported at the end of `projects.models`: these are models of the projects app. The people a
profile shows are chosen by each person (`Membership.network_contact`, `network_phone`,
`offers_mentoring`), never by their team. History rows (mentoring messages and visits) are
append-only; a mentorship is ended (`ended_on`), never deleted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canteen_site.permissions import holders_q

from .models import AppendOnlyModel, Project

# Head office pairs a project with a holder of this permission (the mentor role).
MENTOR_PROJECT = "projects.mentor_project"

PRESENTATION_MAX_LENGTH = 1000


class NetworkProfile(models.Model):
    """What a team writes for the other teams of the network (members only, never public).

    The town, the stage and the opening date come from the project itself; a project without
    a profile row shows only those.
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="network_profile"
    )
    presentation = models.TextField(
        _("short presentation"), max_length=PRESENTATION_MAX_LENGTH, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self):
        return str(self.project)


class ProfileTopic(models.Model):
    """One thing a team can help other teams with: a key of `projects.help_topics`."""

    profile = models.ForeignKey(NetworkProfile, on_delete=models.CASCADE, related_name="topics")
    key = models.CharField(_("topic"), max_length=120, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("can help with")
        verbose_name_plural = _("can help with")
        constraints = [
            models.UniqueConstraint(fields=["profile", "key"], name="unique_profile_topic")
        ]

    def __str__(self):
        return self.key


class MentorshipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class Mentorship(models.Model):
    """Head office pairs a project with a mentor; the pairing ends, it is never deleted."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="mentorships", verbose_name=_("project")
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentorships",
        verbose_name=_("mentor"),
        limit_choices_to=holders_q(MENTOR_PROJECT),
        help_text=_("A person with the mentor role, from an open canteen or a team further along."),
    )
    # The canteen or team the mentor comes from, as it was when paired.
    mentor_project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentor's canteen or team"),
    )
    started_on = models.DateField(_("since"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note from head office"), max_length=300, blank=True)
    # The team's switch: may the mentor read the team's documents?
    documents_shared = models.BooleanField(_("documents shared with the mentor"), default=False)
    paired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paired by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last mentoring activity"), default=timezone.now)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        permissions = [
            (
                "mentor_project",
                _(
                    "Can mentor the projects head office pairs them with (progress, mentoring "
                    "thread, visits)"
                ),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "mentor"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_mentorship_per_pair",
            )
        ]

    def __str__(self):
        return f"{self.mentor} → {self.project}"

    @property
    def is_current(self):
        return self.ended_on is None


class MentoringMessage(AppendOnlyModel):
    """A message of the thread between a project's team and its mentor (never changed)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    # The side the author wrote from, kept as it was.
    from_mentor = models.BooleanField(_("from the mentor"), default=False)
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("mentoring message")
        verbose_name_plural = _("mentoring messages")
        indexes = [models.Index(fields=["mentorship", "id"], name="mentoring_message_order")]

    def __str__(self):
        return f"{self.mentorship} · {self.created_at:%Y-%m-%d %H:%M}"


class MentoringReadMark(models.Model):
    """How far one person has read a mentoring thread: every message up to this id."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.PositiveBigIntegerField(_("last message read"), default=0)
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("mentoring read mark")
        verbose_name_plural = _("mentoring read marks")
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "user"], name="unique_mentoring_read")
        ]

    def __str__(self):
        return f"{self.user} · {self.mentorship}"


class MentoringVisit(AppendOnlyModel):
    """A visit of the mentor, or an immersion day of the team in the mentor's canteen: project
    activity (the stalled-project rule sees it)."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit of the mentor")
        IMMERSION = "immersion", _("Immersion day in the mentor's canteen")
        CALL = "call", _("Video or phone call")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("what you did, what comes next"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")

    def __str__(self):
        return f"{self.mentorship} · {self.get_kind_display()} · {self.happened_on}"
