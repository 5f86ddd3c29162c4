"""Learners' records on the training track: enrolments, completions, quiz attempts, team
answers, and the courses a stage requires. Plain models; `courses.models` holds the pages, the
rules that create these rows live in `courses.services`.
"""

import math
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Enrolment(models.Model):
    """A learner who enrolled (or was enrolled) in a course on their own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_course_enrolment")
        ]

    def __str__(self):
        return f"{self.user} · {self.course}"


class TeamEnrolment(models.Model):
    """A whole project team enrolled: every current and future member counts as enrolled."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="course_enrolments",
        verbose_name=_("project team"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="team_enrolments",
        verbose_name=_("course"),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("team enrolment")
        verbose_name_plural = _("team enrolments")
        permissions = [
            (
                "manage_training",
                _("Can manage the training (enrol teams, see the report, open every lesson)"),
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["project", "course"], name="unique_team_enrolment")
        ]

    def __str__(self):
        return f"{self.project} · {self.course}"


class LessonCompletion(models.Model):
    class Method(models.TextChoices):
        BUTTON = "button", _("Marked as finished")
        QUIZ = "quiz", _("Quiz passed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    # The lesson's course when it was completed: progress is counted per course without a join
    # through the page tree.
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)

    class Meta:
        ordering = ["completed_at"]
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_completion")
        ]
        indexes = [models.Index(fields=["user", "course"], name="completion_user_course")]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


# Verification codes of attestations: no 0/O, 1/I/L, so that a code read from paper is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_verification_code():
    """10 characters from `secrets` (31 ** 10, about 8 * 10 ** 14 codes): not guessable."""
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


def normalise_code(code):
    """A code as typed: case, spaces and dashes do not matter."""
    return "".join(code.split()).replace("-", "").upper()


class CourseCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    # Printed on the attestation: anyone may check it at /attestation/verifier/<code>/.
    verification_code = models.CharField(
        _("verification code"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_verification_code,
        editable=False,
    )

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = _("completed course")
        verbose_name_plural = _("completed courses")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_course_completion")
        ]

    def __str__(self):
        return f"{self.user} · {self.course}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(_("quiz"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    correct_count = models.PositiveSmallIntegerField(_("right answers"))
    question_count = models.PositiveSmallIntegerField(_("questions"))
    passed = models.BooleanField(_("passed"))
    # {question id: [chosen choice ids]}, checked against the published lesson.
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["user", "lesson"], name="attempt_user_lesson")]

    def __str__(self):
        return f"{self.user} · {self.lesson} · {self.score}%"


class ExerciseAnswer(models.Model):
    """A project team's answer to a team exercise of a lesson."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="exercise_answers"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="exercise_answers"
    )
    block_id = models.CharField(_("exercise"), max_length=64)
    text = models.TextField(_("answer"), max_length=10000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("team exercise answer")
        verbose_name_plural = _("team exercise answers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "lesson", "block_id"], name="unique_exercise_answer"
            )
        ]

    def __str__(self):
        return f"{self.project} · {self.lesson}"


class StageCourseRequirement(models.Model):
    """Exit criterion of a stage: the team must have completed this course to move on, as head
    office's rule says (one member, every current member, or a share of the members)."""

    class TeamRule(models.TextChoices):
        ONE_MEMBER = "one", _("One member of the team")
        EVERY_MEMBER = "every", _("Every current member")
        SHARE = "share", _("A share of the members")

    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.CASCADE,
        related_name="required_courses",
        verbose_name=_("stage"),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    rule = models.CharField(
        _("done by"),
        max_length=8,
        choices=TeamRule.choices,
        default=TeamRule.ONE_MEMBER,
        help_text=_("Who in the team must complete the course for the stage to be left."),
    )
    share = models.PositiveSmallIntegerField(
        _("share of the members (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Only with “A share of the members”: rounded up, at least one member."),
    )

    panels = [FieldPanel("stage"), FieldPanel("course"), FieldPanel("rule"), FieldPanel("share")]

    class Meta:
        ordering = ["stage__position", "course__title"]
        verbose_name = _("course required to leave a stage")
        verbose_name_plural = _("courses required to leave a stage")
        constraints = [
            models.UniqueConstraint(fields=["stage", "course"], name="unique_stage_course"),
            models.CheckConstraint(
                condition=models.Q(share__gte=1, share__lte=100), name="required_course_share"
            ),
        ]

    def __str__(self):
        return f"{self.stage} · {self.course}"

    def clean(self):
        if self.rule == self.TeamRule.SHARE and not self.share:
            raise ValidationError({"share": _("Give the share of the members, from 1 to 100%.")})

    def members_needed(self, member_count):
        """How many current members must have completed the course (at least one)."""
        if self.rule == self.TeamRule.EVERY_MEMBER:
            return max(member_count, 1)
        if self.rule == self.TeamRule.SHARE:
            return max(math.ceil(member_count * self.share / 100), 1)
        return 1
