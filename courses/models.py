"""The training track: a catalogue of courses made of lessons, and each learner's progress.

Pages: CourseCatalogPage → CoursePage → LessonPage (lessons in the order of the page tree).
Progress rows (enrolments, completed lessons, quiz attempts, team answers) are plain models;
the rules that create them live in `courses.services`.
"""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from canteen_site.permissions import holders_q

from .blocks import LessonBodyBlock

# Writes the courses: page permissions under every catalogue (see signals), and the trainers'
# choices of a course.
EDIT_CATALOGUE = "courses.edit_catalogue"


def format_duration(minutes):
    """90 → "1 h 30", 45 → "45 min", 420 → "7 h"."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


class CourseCatalogPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["canteen_site.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")
        permissions = [
            (
                "edit_catalogue",
                _(
                    "Can write the courses: add, edit and publish pages under the course "
                    "catalogue (and be named a course's trainer)"
                ),
            )
        ]

    def route(self, request, path_components):
        # One query for the course (Wagtail's own route fetches a child twice: as a page, then
        # as its specific type).
        if path_components:
            course = CoursePage.objects.child_of(self).filter(slug=path_components[0]).first()
            if course is None:
                raise Http404
            return course.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, self))
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(Page):
    class Access(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can read it")
        MEMBERS = "members", _("Network members only")

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in the catalogue.")
    )
    description = RichTextField(_("presentation"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover image"),
    )
    audience = models.CharField(
        _("audience"),
        max_length=200,
        blank=True,
        help_text=_("Who it is for, e.g. the whole project team, the future canteen manager."),
    )
    duration_minutes = models.PositiveIntegerField(_("estimated duration (minutes)"), default=60)
    objectives = RichTextField(
        _("learning objectives"),
        blank=True,
        features=["ul", "ol", "bold", "italic"],
        help_text=_("What learners will be able to do at the end, one per line of a list."),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_given",
        verbose_name=_("trainers"),
        limit_choices_to=holders_q(EDIT_CATALOGUE),
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("topics"))
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name=_("prerequisite courses"),
        help_text=_("Courses a learner must have completed before opening this one."),
    )
    ordered = models.BooleanField(
        _("lessons must be followed in order"),
        default=False,
        help_text=_("A lesson opens only once the previous one is completed."),
    )
    access = models.CharField(
        _("who can read it"), max_length=10, choices=Access.choices, default=Access.MEMBERS
    )
    stages = ParentalManyToManyField(
        "projects.Stage",
        blank=True,
        related_name="courses",
        verbose_name=_("project stages it serves"),
        help_text=_("The team space recommends the course to teams at these stages."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("duration_minutes")]),
                FieldPanel("trainers"),
                FieldPanel("tags"),
            ],
            heading=_("For whom, how long, with whom"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access"),
                FieldPanel("ordered"),
                FieldPanel("prerequisites"),
                FieldPanel("stages"),
            ],
            heading=_("Access and path"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("audience"),
        index.FilterField("access"),
    ]

    parent_page_types = ["courses.CourseCatalogPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def is_public(self):
        return self.access == self.Access.PUBLIC

    @property
    def duration_display(self):
        return format_duration(self.duration_minutes)

    def route(self, request, path_components):
        # One query for the lesson, which is served knowing its course.
        if path_components:
            lesson = LessonPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if lesson is None:
                raise Http404
            page, args, kwargs = lesson.route(request, path_components[1:])
            return RouteResult(page, args, {**kwargs, "course": self})
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .views import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(request, self))
        return context


class LessonPage(Page):
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField(_("estimated duration (minutes)"), default=20)
    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("summary"), FieldPanel("duration_minutes")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def duration_display(self):
        return format_duration(self.duration_minutes)

    def get_context(self, request, *args, **kwargs):
        from .views import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(request, self, **kwargs))
        return context

    def serve(self, request, *args, **kwargs):
        from .views import serve_lesson

        return serve_lesson(request, self, super().serve, *args, **kwargs)

    def block_types(self):
        """The types of the body's blocks, read without converting the blocks."""
        return {item["type"] for item in self.body.raw_data}

    def quiz_blocks(self):
        return [block for block in self.body if block.block_type == "quiz"]


class Enrolment(models.Model):
    """A learner who enrolled (or was enrolled) in a course on their own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
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
        CoursePage,
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
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    # The lesson's course when it was completed: progress is counted per course without a join
    # through the page tree.
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
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


class CourseCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

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
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="quiz_attempts")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
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
        LessonPage, on_delete=models.CASCADE, related_name="exercise_answers"
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
    """Exit criterion of a stage: the team must have completed this course to move on."""

    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.CASCADE,
        related_name="required_courses",
        verbose_name=_("stage"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )

    panels = [FieldPanel("stage"), FieldPanel("course")]

    class Meta:
        ordering = ["stage__position", "course__title"]
        verbose_name = _("course required to leave a stage")
        verbose_name_plural = _("courses required to leave a stage")
        constraints = [
            models.UniqueConstraint(fields=["stage", "course"], name="unique_stage_course")
        ]

    def __str__(self):
        return f"{self.stage} · {self.course}"
