"""Questions to the network, their answers, their moderation, and the FAQ made from them.

A network member (`projects.access.is_network_member`) asks a question about a project stage
or a toolbox topic; other members answer; the asker marks the answer that helped. Nothing is
ever deleted: head office hides a message (the text stays, with who hid it, when and why, and
every hide or restore is a line of `ModerationAction`), members report messages (`Report`, the
head-office queue). A good question becomes a `FaqEntry` of the toolbox, edited in the admin.

The rules live in `toolbox.question_services`; these are the rows.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from canteen_site.text import CleanTextMixin
from projects.models import AppendOnlyModel

TITLE_MAX_LENGTH = 150
TEXT_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 300


class Post(models.Model):
    """A question or an answer: plain text, written once, hidden rather than deleted."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    # The latest moderation (the whole story is in ModerationAction).
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(
        _("why it was hidden"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Question(Post):
    title = models.CharField(_("question"), max_length=TITLE_MAX_LENGTH)
    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_questions",
        verbose_name=_("project stage"),
    )
    topic = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_questions",
        verbose_name=_("toolbox topic"),
    )
    # The team the asker was in when asking (for context: "asked by a member of ...").
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_questions",
        verbose_name=_("asked from the project"),
    )
    helpful_answer = models.ForeignKey(
        "toolbox.Answer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the answer that helped"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # Unaccented title, text and visible answers (see `question_services.reindex`).
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("question to the network")
        verbose_name_plural = _("questions to the network")
        permissions = [
            (
                "moderate_question",
                _("Can hide questions and answers to the network and read the reports"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__isnull=False) | Q(topic__isnull=False),
                name="question_has_stage_or_topic",
            )
        ]
        indexes = [models.Index(fields=["stage", "-last_activity_at"], name="question_stage")]

    def __str__(self):
        return self.title


class Answer(Post):
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "created_at"], name="answer_question")]

    def __str__(self):
        return f"{self.question} · {self.created_at:%Y-%m-%d}"


class ModerationAction(AppendOnlyModel):
    """One moderation step on a question or an answer: never changed, never deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Shown again")
        KEEP = "keep", _("Reports dismissed, message kept")

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="moderation", verbose_name=_("question")
    )
    answer = models.ForeignKey(
        Answer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moderation",
        verbose_name=_("answer"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("why"), max_length=REASON_MAX_LENGTH, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d}"


class Report(models.Model):
    """A member's "this message should not be here", waiting in head office's queue."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Message hidden")
        KEPT = "kept", _("Message kept")

    # The question reported, or the question of the answer reported.
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="reports", verbose_name=_("question")
    )
    answer = models.ForeignKey(
        Answer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("answer"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("why"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    closed_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "question"],
                condition=Q(answer__isnull=True),
                name="one_report_per_question",
            ),
            models.UniqueConstraint(
                fields=["reporter", "answer"],
                condition=Q(answer__isnull=False),
                name="one_report_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.reporter} · {self.created_at:%Y-%m-%d}"


class FaqEntryForm(CleanTextMixin, WagtailAdminModelForm):
    """Two people editing one entry: the second save is refused, nothing is overwritten."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                FaqEntry.objects.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if current is None or cleaned.get("loaded_version") != current.isoformat():
                raise forms.ValidationError(
                    _(
                        "Someone else changed this entry since you opened it. Reload the page "
                        "to see their changes, then make yours again."
                    )
                )
        if not cleaned.get("stage") and not cleaned.get("topic"):
            raise forms.ValidationError(_("Choose the stage or the toolbox topic of this entry."))
        return cleaned


class FaqEntry(models.Model):
    """A question and its answer, kept in the toolbox for a stage (or a topic)."""

    question = models.CharField(_("question"), max_length=TITLE_MAX_LENGTH)
    answer = models.TextField(_("answer"), max_length=TEXT_MAX_LENGTH)
    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="faq_entries",
        verbose_name=_("project stage"),
    )
    topic = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="faq_entries",
        verbose_name=_("toolbox topic"),
    )
    source = models.OneToOneField(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="faq_entry",
        verbose_name=_("made from the question"),
    )
    live = models.BooleanField(
        _("shown"), default=True, help_text=_("Untick to take the entry out of the toolbox.")
    )
    sort_order = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("stage"),
        FieldPanel("topic"),
        FieldPanel("live"),
        FieldPanel("sort_order"),
        FieldPanel("loaded_version"),
    ]
    base_form_class = FaqEntryForm

    class Meta:
        ordering = ["stage__position", "sort_order", "id"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__isnull=False) | Q(topic__isnull=False),
                name="faq_entry_has_stage_or_topic",
            )
        ]

    def __str__(self):
        return self.question
