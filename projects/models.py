"""Canteen projects, the stages they go through, their teams and their history.

History rows (StageChange, ProjectEvent) are append-only: they refuse updates and deletes.
Projects are archived (archived_at), never deleted.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from canteen_site.permissions import holders_q

from .storage import private_storage


class Region(models.TextChoices):
    AUVERGNE_RHONE_ALPES = "ARA", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "BFC", "Bourgogne-Franche-Comté"
    BRETAGNE = "BRE", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "CVL", "Centre-Val de Loire"
    CORSE = "COR", "Corse"
    GRAND_EST = "GES", "Grand Est"
    HAUTS_DE_FRANCE = "HDF", "Hauts-de-France"
    ILE_DE_FRANCE = "IDF", "Île-de-France"
    NORMANDIE = "NOR", "Normandie"
    NOUVELLE_AQUITAINE = "NAQ", "Nouvelle-Aquitaine"
    OCCITANIE = "OCC", "Occitanie"
    PAYS_DE_LA_LOIRE = "PDL", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "PAC", "Provence-Alpes-Côte d'Azur"
    OUTRE_MER = "OM", _("Overseas France")


class TranslatedNameMixin:
    """French name first; the English one when the visitor reads English and one exists."""

    @property
    def display_name(self):
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Stage(TranslatedNameMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    guidance = RichTextField(_("guidance for the team"), blank=True)
    stall_after_days = models.PositiveIntegerField(
        _("stalled after (days without activity)"), default=60
    )

    # Exit criteria on the project's partners and funding (projects.partner_criteria).
    min_partners_committed = models.PositiveSmallIntegerField(
        _("partners committed to move on"),
        null=True,
        blank=True,
        help_text=_("At least this many partners committed or with a signed agreement."),
    )
    min_budget_secured_percent = models.PositiveSmallIntegerField(
        _("share of the budget secured to move on (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("At least this share of the funding plan promised or received by funders."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self):
        return f"{self.position}. {self.display_name}"


class ChecklistItem(TranslatedNameMixin, Orderable):
    stage = ParentalKey(Stage, on_delete=models.CASCADE, related_name="checklist_items")
    name = models.CharField(_("item"), max_length=200)
    name_en = models.CharField(_("item in English"), max_length=200, blank=True)
    required = models.BooleanField(_("required to move on"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.display_name


class DeliverableRequirement(TranslatedNameMixin, Orderable):
    stage = ParentalKey(Stage, on_delete=models.CASCADE, related_name="deliverable_requirements")
    name = models.CharField(_("document"), max_length=200)
    name_en = models.CharField(_("document in English"), max_length=200, blank=True)
    description = models.CharField(_("what we expect"), max_length=300, blank=True)
    required = models.BooleanField(_("required to move on"), default=True)
    template_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("template to start from"),
        help_text=_("A toolbox resource the team can start from."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("required deliverable")
        verbose_name_plural = _("required deliverables")

    def __str__(self):
        return self.display_name


class ProjectQuerySet(models.QuerySet):
    def current(self):
        """Projects that are not archived."""
        return self.filter(archived_at__isnull=True)

    def for_member(self, user):
        return self.filter(memberships__user=user, memberships__left_on__isnull=True).distinct()


class Project(models.Model):
    class Status(models.TextChoices):
        LEAD = "lead", _("Lead")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ABANDONED = "abandoned", _("Abandoned")
        OPEN = "open", _("Open")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="projects", verbose_name=_("current stage")
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.LEAD
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    target_opening_on = models.DateField(_("target opening date"), null=True, blank=True)
    opened_on = models.DateField(_("opening date"), null=True, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_projects",
        verbose_name=_("coach"),
    )
    first_circle_size = models.PositiveIntegerField(_("neighbours in the first circle"), default=0)
    local_partners = models.PositiveIntegerField(_("local partners"), default=0)
    funds_raised = models.PositiveIntegerField(_("funds raised (€)"), default=0)
    funds_target = models.PositiveIntegerField(_("funding target (€)"), default=0)
    premises_found = models.BooleanField(_("premises found"), default=False)
    head_office_notes = models.TextField(
        _("head-office notes"), blank=True, help_text=_("Never shown to the team.")
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("canteen project")
        verbose_name_plural = _("canteen projects")
        # Without statistics, SQLite's planner prefers any index on a WHERE column to one that
        # gives the order asked: the current projects' indexes are partial (archived_at IS NULL)
        # and status has none of its own (five values), else they would be chosen and sorted.
        indexes = [
            # The projects export reads current projects in name order without sorting them all.
            models.Index(
                fields=["name", "id"],
                condition=models.Q(archived_at__isnull=True),
                name="project_current_by_name",
            ),
            # The years of the filters: first and last start date, one index lookup each.
            models.Index(
                fields=["started_on"],
                condition=models.Q(archived_at__isnull=True),
                name="project_current_started_on",
            ),
            # Stalled projects: one range per stage (last activity before its limit); the board's
            # counts per stage from the index alone.
            models.Index(
                fields=["stage", "last_activity_at", "status", "archived_at"],
                name="project_stage_activity",
            ),
            # The board's first cards of each stage, longest in the stage first.
            models.Index(
                fields=["stage", "stage_entered_at", "status", "archived_at"],
                name="project_stage_entered",
            ),
            # The map's counts per region and status, read from the index alone.
            models.Index(fields=["region", "status", "archived_at"], name="project_region_status"),
            # The history reports' cache key: the latest change of any project, one lookup.
            models.Index(fields=["updated_at"], name="project_updated_at"),
        ]
        permissions = [
            ("move_project", _("Can move a project to another stage")),
            ("view_pipeline", _("Can see the pipeline of every project (board, reports, exports)")),
            (
                "review_deliverable",
                _(
                    "Can review every team's documents, answer its next-stage requests and "
                    "archive it from its team space"
                ),
            ),
            (
                "read_members_only",
                _("Can read members-only courses and toolbox resources without being in a team"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_archived(self):
        return self.archived_at is not None


class Membership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Team lead")
        MEMBER = "member", _("Member")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # Each person's own consent, for the network's directory and profiles (projects.network):
    # nobody is shown to other teams without it.
    network_contact = models.BooleanField(
        _("network members may see my name and email to contact me"), default=False
    )
    network_phone = models.BooleanField(_("show my phone number too"), default=False)
    offers_mentoring = models.BooleanField(_("I agree to mentor a team"), default=False)
    consent_changed_at = models.DateTimeField(_("consent changed at"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.project}"


class AppendOnlyModel(models.Model):
    """A history row: written once, never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("History is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("History is append-only.")


class StageChange(AppendOnlyModel):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="stage_changes")
    from_stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from stage"),
    )
    to_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("to stage")
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [
            # When a project first reached a stage: one lookup (projects export).
            models.Index(
                fields=["project", "to_stage", "changed_at"], name="stagechange_first_reached"
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.from_stage} → {self.to_stage}"


class ProjectEvent(AppendOnlyModel):
    """One line of a project's timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Project created")
        STAGE_CHANGED = "stage_changed", _("Stage changed")
        STATUS_CHANGED = "status_changed", _("Status changed")
        ITEM_TICKED = "item_ticked", _("Checklist item ticked")
        ITEM_UNTICKED = "item_unticked", _("Checklist item unticked")
        DELIVERABLE_UPLOADED = "deliverable_uploaded", _("Deliverable uploaded")
        DELIVERABLE_REVIEWED = "deliverable_reviewed", _("Deliverable reviewed")
        NEXT_STAGE_REQUESTED = "next_stage_requested", _("Next stage requested")
        REQUEST_RETURNED = "request_returned", _("Request sent back")
        MEMBER_JOINED = "member_joined", _("Member joined")
        MEMBER_INVITED = "member_invited", _("Member invited")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        LESSON_COMPLETED = "lesson_completed", _("Lesson completed")
        ARCHIVED = "archived", _("Project archived")
        MENTOR_PAIRED = "mentor_paired", _("Mentor paired")
        MENTOR_VISIT = "mentor_visit", _("Mentor visit or immersion day")
        OPENING_DATE_SET = "opening_date_set", _("Target opening date set")
        OPENING_PLAN_GENERATED = "opening_plan_generated", _("Opening plan generated")
        OPENING_TASK_DONE = "opening_task_done", _("Opening task done")
        OPENING_TASK_REOPENED = "opening_task_reopened", _("Opening task reopened")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    summary = models.CharField(_("summary"), max_length=300)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project event")
        verbose_name_plural = _("project events")
        indexes = [models.Index(fields=["project", "-created_at"], name="event_project_recent")]

    def __str__(self):
        return self.summary


class ChecklistTick(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ticked by"),
    )
    ticked_at = models.DateTimeField(default=timezone.now, verbose_name=_("ticked at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="unique_checklist_tick")
        ]

    def __str__(self):
        return f"{self.project} · {self.item}"


def deliverable_upload_to(instance, filename):
    return f"deliverables/{instance.project_id}/{uuid.uuid4().hex}/{filename}"


class Deliverable(models.Model):
    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        # A newer upload of the same document came before the review: kept in the history,
        # out of head office's review queue.
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="deliverables")
    requirement = models.ForeignKey(
        DeliverableRequirement,
        on_delete=models.PROTECT,
        related_name="uploads",
        verbose_name=_("required document"),
    )
    file = models.FileField(
        _("file"), upload_to=deliverable_upload_to, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(default=timezone.now, verbose_name=_("uploaded at"))
    review_status = models.CharField(
        _("review"), max_length=20, choices=Review.choices, default=Review.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        indexes = [
            # The review queue: pending documents oldest first, counted from the index alone.
            models.Index(
                fields=["review_status", "uploaded_at", "project"], name="deliverable_review_queue"
            ),
        ]

    def __str__(self):
        return self.original_name


class StageRequest(models.Model):
    """A team's "we are ready for the next stage", and head office's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Sent back")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="stage_requests")
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(default=timezone.now, verbose_name=_("requested at"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    decision_comment = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("next-stage request")
        verbose_name_plural = _("next-stage requests")
        indexes = [
            # The review queue: pending requests oldest first, counted from the index alone.
            models.Index(fields=["status", "requested_at", "project"], name="stagerequest_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_project",
            )
        ]

    def __str__(self):
        return f"{self.project} → {self.stage}"


def message_upload_to(instance, filename):
    return f"messages/{instance.project_id}/{uuid.uuid4().hex}/{filename}"


class Message(AppendOnlyModel):
    """One message of a project's conversation between its team and head office.

    Never edited or deleted. It may be about a document or a next-stage request, so that a
    review is discussed where it happened.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    # The side the author wrote from, kept as it was: a team member may later join head office.
    from_head_office = models.BooleanField(_("from head office"), default=False)
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("about the document"),
    )
    stage_request = models.ForeignKey(
        StageRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("about the next-stage request"),
    )
    attachment = models.FileField(
        _("attachment"),
        upload_to=message_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    attachment_size = models.PositiveIntegerField(_("attachment size (bytes)"), default=0)
    attachment_type = models.CharField(_("attachment content type"), max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["project", "id"], name="message_project_order")]

    def __str__(self):
        return f"{self.project} · {self.created_at:%Y-%m-%d %H:%M}"


class ReadMark(models.Model):
    """How far one person has read a thread: every message up to this id (the project's
    conversation with head office, a mentoring thread). `mark_read` moves it forward."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.PositiveBigIntegerField(_("last message read"), default=0)
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        abstract = True

    @classmethod
    def mark_read(cls, mark, up_to_id, **thread):
        """Record that the person has read the thread (`thread`: its foreign key and the user)
        up to `up_to_id`, never backwards; `mark` is their read mark, or None."""
        if not up_to_id:
            return
        now = timezone.now()
        if mark is not None:
            if mark.last_read_id < up_to_id:  # no write (nor write lock) when nothing is new
                cls.objects.filter(pk=mark.pk, last_read_id__lt=up_to_id).update(
                    last_read_id=up_to_id, read_at=now
                )
            return
        try:
            with transaction.atomic():
                cls.objects.create(**thread, last_read_id=up_to_id, read_at=now)
        except IntegrityError:  # the same person in another tab, a moment ago
            cls.objects.filter(**thread, last_read_id__lt=up_to_id).update(
                last_read_id=up_to_id, read_at=now
            )


class ThreadReadMark(ReadMark):
    """How far one person has read a project's conversation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_thread_read_mark")
        ]

    def __str__(self):
        return f"{self.user} · {self.project}"


class FollowUp(AppendOnlyModel):
    """Head office's log of its contacts with a project, and the next action it plans.

    The project's next planned action is the one of its latest follow-up: a new entry replaces
    the plan (append-only, like the rest of the history).
    """

    class Kind(models.TextChoices):
        CALL = "call", _("Phone call")
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Visit")
        EMAIL = "email", _("Email")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_due = models.DateField(_("next action due on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["project", "-created_at"], name="followup_project_recent")]

    def __str__(self):
        return f"{self.project} · {self.get_kind_display()} · {self.happened_on}"


class Invitation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.project}"

    @property
    def is_usable(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


# The dated opening plan


class OpeningTaskTemplate(TranslatedNameMixin, models.Model):
    """Head office's template of the tasks before an opening: each task belongs to a stage and
    falls a number of days before the opening date ("hygiene plan sent: 6 weeks before").

    Retired (`active` off) rather than deleted: the plans made from it keep their tasks."""

    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="opening_tasks", verbose_name=_("stage")
    )
    name = models.CharField(_("task"), max_length=200)
    name_en = models.CharField(_("task in English"), max_length=200, blank=True)
    days_before = models.PositiveSmallIntegerField(
        _("days before the opening"),
        help_text=_("0 is the opening day itself; 42 is six weeks before."),
    )
    description = models.CharField(_("what it means"), max_length=300, blank=True)
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Tasks no longer in use are left out of new plans; existing plans keep them."),
    )

    class Meta:
        ordering = ["-days_before", "stage__position", "id"]
        verbose_name = _("opening task template")
        verbose_name_plural = _("opening plan template")

    def __str__(self):
        return self.display_name


class OpeningTask(TranslatedNameMixin, models.Model):
    """One dated task of a project's opening plan: made from the template (`template`) or added
    by the team. Never deleted; `version` grows with each change so that a stale form is refused."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="opening_tasks")
    template = models.ForeignKey(
        OpeningTaskTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("from the template"),
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage"),
    )
    name = models.CharField(_("task"), max_length=200)
    name_en = models.CharField(_("task in English"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opening_tasks",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    # Set when the "task due" reminder went out: once per task (see opening_reminders).
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("opening task")
        verbose_name_plural = _("opening tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "template"],
                condition=models.Q(template__isnull=False),
                name="one_task_per_template_and_project",
            )
        ]
        indexes = [models.Index(fields=["project", "due_on"], name="opening_task_project_due")]

    def __str__(self):
        return f"{self.project} · {self.display_name}"

    @property
    def is_done(self):
        return self.done_at is not None


# Partners and the funding plan


class Partner(models.Model):
    """A local partner of a project: who they are, what they bring, where the team stands with
    them. Never deleted (declined partners stay, with their history); each change of status is
    logged in `PartnerStatusChange`. `version` grows with each save: a form sent with an older
    one is refused (two members editing the same partner)."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        LOCAL_AUTHORITY = "local_authority", _("Town or local authority")
        FOUNDATION = "foundation", _("Foundation")
        ASSOCIATION = "association", _("Association")
        SOCIAL_SERVICE = "social_service", _("Social or medico-social service")
        SCHOOL = "school", _("School or university")
        SUPPLIER = "supplier", _("Supplier")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder")
        PREMISES = "premises", _("Premises")
        PRESCRIBER = "prescriber", _("Prescriber of diners")
        SUPPLIER = "supplier", _("Supplier")
        VOLUNTEERS = "volunteers", _("Pool of volunteers")
        COMMUNICATION = "communication", _("Communication")

    class Status(models.TextChoices):
        TO_CONTACT = "to_contact", _("To contact")
        CONTACTED = "contacted", _("Contacted")
        MET = "met", _("Met")
        COMMITTED = "committed", _("Committed")
        SIGNED = "signed", _("Agreement signed")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="partners")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A list of Role values: a partner often brings several things (e.g. funder and premises).
    roles = models.JSONField(_("roles"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_CONTACT
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("followed by"),
    )
    notes = models.TextField(_("notes"), blank=True)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    amount_asked = models.PositiveIntegerField(_("amount asked (€)"), default=0)
    amount_promised = models.PositiveIntegerField(_("amount promised (€)"), default=0)
    amount_received = models.PositiveIntegerField(_("amount received (€)"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        indexes = [models.Index(fields=["project", "status"], name="partner_project_status")]

    def __str__(self):
        return self.name

    @property
    def role_labels(self):
        labels = dict(self.Role.choices)
        return [labels[role] for role in self.roles if role in labels]

    @property
    def is_committed(self):
        return self.status in (self.Status.COMMITTED, self.Status.SIGNED)


class PartnerStatusChange(AppendOnlyModel):
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(
        _("from status"), max_length=12, choices=Partner.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=12, choices=Partner.Status.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("partner status change")
        verbose_name_plural = _("partner status changes")

    def __str__(self):
        return f"{self.partner}: {self.from_status} → {self.to_status}"


class BudgetLine(models.Model):
    """One line of a project's budget for its opening or its first year. Lines are withdrawn
    (`withdrawn_at`), never deleted."""

    class Period(models.TextChoices):
        OPENING = "opening", _("Opening")
        FIRST_YEAR = "first_year", _("First year")

    class Category(models.TextChoices):
        WORKS = "works", _("Works")
        EQUIPMENT = "equipment", _("Equipment")
        SALARY = "salary", _("Canteen manager's salary")
        RUNNING = "running", _("Running costs")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="budget_lines")
    period = models.CharField(_("period"), max_length=12, choices=Period.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    label = models.CharField(_("line"), max_length=150)
    amount = models.PositiveIntegerField(_("amount (€)"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["period", "category", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.project} · {self.label}"


# The network's learning community: what a team shows other teams (its profile), and
# mentoring (a project paired with a mentor from an open canteen or a team further along). The
# people a profile shows are chosen by each person (`Membership.network_contact`,
# `network_phone`, `offers_mentoring`), never by their team. History rows (mentoring messages
# and visits) are append-only; a mentorship is ended (`ended_on`), never deleted.

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


class MentoringReadMark(ReadMark):
    """How far one person has read a mentoring thread."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")

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
