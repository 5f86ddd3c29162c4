"""The training track's pages: CourseCatalogPage → CoursePage → LessonPage (lessons in the
order of the page tree). Each page builds its own context from `courses.progress`; the learners'
records (enrolments, completions, quiz attempts, team answers) are in `courses.records`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from canteen_site.content_cache import cached, content_facts, site_rows
from canteen_site.permissions import holders_q
from canteen_site.search import MembersOnlyTeaser
from canteen_site.text import clean_text
from projects.access import current_projects
from projects.models import Project

from . import progress as learning
from . import quiz
from .blocks import LessonBodyBlock
from .days import (  # noqa: F401  (Django finds every model of the app here)
    SessionFeedback,
    SessionSeat,
    StageTrainingDayRequirement,
    TrainingDayIndexPage,
    TrainingDayPage,
    TrainingSession,
)
from .records import (  # noqa: F401
    CourseCompletion,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)

# Writes the courses: page permissions under every catalogue (see signals), and the trainers'
# choices of a course.
EDIT_CATALOGUE = "courses.edit_catalogue"
CARD_RENDITION = "fill-640x360"
LESSON_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "duration_minutes")


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
    subpage_types = ["courses.CoursePage", "courses.TrainingDayIndexPage"]
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
            if course is not None:
                return course.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        # The cards are the same for every reader: kept under a key of the pages they are read
        # from (canteen_site.content_cache); the topics' names and the reader's own progress
        # are read afresh.
        cards = cached(
            "course-catalogue",
            self,
            (get_language(), request.get_host(), site_rows()),  # the cards hold the courses' URLs
            content_facts(self),
            lambda: self.course_cards(request),
        )
        tag_ids = {tag_id for card in cards for tag_id in card["tag_ids"]}
        tags = list(Tag.objects.filter(pk__in=tag_ids).order_by("name")) if tag_ids else []
        by_id = {tag.pk: tag for tag in tags}
        rendition_storage = get_image_model().get_rendition_model().file.field.storage
        cards = [
            {
                **card,
                "tags": [by_id[pk] for pk in card["tag_ids"] if pk in by_id],
                # The file's address is made on each request: a signed one (S3) expires.
                "cover_url": card["cover"] and rendition_storage.url(card["cover"]["name"]),
            }
            for card in cards
        ]
        tag = clean_text(request.GET.get("sujet", ""), 100).text
        if tag:
            cards = [card for card in cards if any(t.slug == tag for t in card["tags"])]
        course_ids = [card["pk"] for card in cards]
        enrolled = learning.enrolled_course_ids(user)
        done = learning.completed_counts(user, course_ids)
        completions = learning.course_completions(user, course_ids)
        for card in cards:
            card["enrolled"] = card["pk"] in enrolled
            card["percent"] = learning.percent(done.get(card["pk"], 0), card["lessons"])
            card["completion"] = completions.get(card["pk"])
        context["cards"] = cards
        context["tags"] = tags
        context["current_tag"] = tag
        return context

    def course_cards(self, request):
        """The live courses, in order, each with its card's HTML (the same for every reader),
        its cover's rendition (file name and size), its number of live lessons and its topics'
        ids."""
        courses = list(
            CoursePage.objects.child_of(self)
            .live()
            .order_by("path")
            .defer_streamfields()
            .prefetch_related(
                Prefetch(
                    "cover_image",
                    queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION),
                ),
                Prefetch("tags", to_attr="tag_list"),
            )
        )
        counts = LessonPage.counts_by_course(courses)
        return [
            {
                "pk": course.pk,
                "title": course.title,
                "lessons": counts.get(course.pk, 0),
                "tag_ids": [tag.pk for tag in course.tag_list],
                "cover": _cover(course),
                "html": render_to_string(
                    "courses/includes/course_card.html",
                    {"course": course, "lessons": counts.get(course.pk, 0)},
                    request=request,
                ),
            }
            for course in courses
        ]


def _cover(course):
    if not course.cover_image:
        return None
    rendition = course.cover_image.get_rendition(CARD_RENDITION)
    return {"name": rendition.file.name, "width": rendition.width, "height": rendition.height}


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

    def live_lessons(self):
        """The live lessons, in the order of the page tree (as saved, even in a preview)."""
        return list(LessonPage.objects.child_of(self).live().order_by("path").only(*LESSON_FIELDS))

    def live_prerequisites(self):
        """The live courses to complete first (as saved, even in a preview)."""
        return list(
            CoursePage.objects.live()
            .filter(required_by__pk=self.pk)
            .order_by("path")
            .only("id", "title", "url_path", "path", "depth")
        )

    def structure(self):
        """(live lessons, live prerequisites): the same for every learner, kept under a key of
        the pages (canteen_site.content_cache); read afresh for a course not saved yet."""

        def read():
            return self.live_lessons(), self.live_prerequisites()

        if self.pk is None:
            return read()
        return cached("course-structure", self, None, content_facts(self), read)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["progress"] = learning.course_progress(user, self)
        context["trainers"] = list(self.trainers.all())
        context["tags"] = list(self.tags.all())
        context["stages"] = list(self.stages.all())
        if learning.can_manage_training(user):
            context["team_enrolments"] = list(
                self.team_enrolments.select_related("project").order_by("project__name")
            )
            enrolled_ids = [item.project_id for item in context["team_enrolments"]]
            context["teams_to_enrol"] = list(
                Project.objects.current().exclude(pk__in=enrolled_ids).only("id", "name", "city")
            )
        return context


class LessonPage(MembersOnlyTeaser, Page):
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

    @classmethod
    def members_only_pages(cls):
        """The lessons of members-only courses: searched on their title and summary only
        outside the network (canteen_site.search)."""
        courses = CoursePage.objects.filter(access=CoursePage.Access.MEMBERS).values("path")
        return cls.objects.annotate(
            parent_path=Substr("path", 1, Length("path") - cls.steplen)
        ).filter(parent_path__in=courses)

    @classmethod
    def by_course(cls, courses):
        """{course id: [live lessons in order]} for many courses, in one query."""
        by_path = {course.path: course.pk for course in courses}
        result = {course.pk: [] for course in courses}
        for lesson in cls._live_children_of(by_path).order_by("path").only(*LESSON_FIELDS):
            result[by_path[lesson.parent_path]].append(lesson)
        return result

    @classmethod
    def counts_by_course(cls, courses):
        """{course id: number of live lessons} for many courses, in one query."""
        by_path = {course.path: course.pk for course in courses}
        counts = dict.fromkeys(by_path.values(), 0)
        rows = (
            cls._live_children_of(by_path)
            .values("parent_path")
            .annotate(count=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[by_path[row["parent_path"]]] = row["count"]
        return counts

    @classmethod
    def _live_children_of(cls, paths):
        return (
            cls.objects.live()
            .annotate(parent_path=Substr("path", 1, Length("path") - cls.steplen))
            .filter(parent_path__in=list(paths))
        )

    def get_course(self):
        """The lesson's course (its parent page), live or not."""
        return CoursePage.objects.defer_streamfields().get(path=self.path[: -self.steplen])

    def serve(self, request, *args, course=None, **kwargs):
        """Serve a lesson only to those who may read it, and only once it is unlocked.

        `course` is the lesson's course when routing found it on the way (see CoursePage.route).
        """
        course = course or self.get_course()
        if not course.live:
            raise Http404
        progress = learning.course_progress(request.user, course)
        if not progress.can_read:
            if not request.user.is_authenticated:
                # Like the course page: what the lesson is about, and an invitation to log in.
                return TemplateResponse(
                    request, "courses/lesson_login.html", {"course": course, "page": self}
                )
            return TemplateResponse(
                request, "courses/no_access.html", {"course": course}, status=403
            )
        if self.pk in progress.locked:
            context = {"course": course, "page": self, "progress": progress}
            context["reason"] = progress.locked[self.pk]
            return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
        return super().serve(request, *args, course=course, progress=progress, **kwargs)

    def get_context(self, request, *args, course=None, progress=None, **kwargs):
        """`course` and `progress` come from `serve`; a preview has neither."""
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        course = course or self.get_course()
        progress = progress or learning.course_progress(user, course)
        if not user.is_authenticated:
            tracking = LearningState(
                False, gettext("Log in and enrol in the course to record your answers.")
            )
        elif not progress.enrolled:
            tracking = LearningState(False, gettext("Enrol in the course to record your answers."))
        else:
            tracking = LearningState(True)
        feedback = {}
        attempt_id = request.GET.get("tentative", "")
        saved = self.pk is not None  # a preview of a new lesson is not saved yet
        if saved and user.is_authenticated and attempt_id.isdigit():
            attempt = QuizAttempt.objects.filter(pk=attempt_id, user=user, lesson=self).first()
            block = attempt and quiz.find_block(self.body, attempt.block_id, "quiz")
            if block:
                feedback[attempt.block_id] = quiz.feedback(block, attempt)
        types = self.block_types()
        teams = current_projects(user) if "exercise" in types else []
        previous, following = progress.neighbours(self)
        context.update(
            {
                "course": course,
                "progress": progress,
                "previous_lesson": previous,
                "next_lesson": following,
                "position": (progress.position(self) or 0) + 1,
                "completed": self.pk in progress.completed,
                "has_quiz": "quiz" in types,
                "learning": tracking,
                "quiz_feedback": feedback,
                "quiz_stats": (
                    learning.quiz_stats(user, self) if saved and "quiz" in types else {}
                ),
                "exercise_projects": teams,
                "exercise_answers": (
                    learning.exercise_answers(teams, self) if saved and teams else {}
                ),
            }
        )
        return context

    def block_types(self):
        """The types of the body's blocks, read without converting the blocks."""
        return {item["type"] for item in self.body.raw_data}

    def quiz_blocks(self):
        return [block for block in self.body if block.block_type == "quiz"]


@dataclass
class LearningState:
    """Whether the learner's answers and progress can be recorded on this lesson, and why not."""

    can_track: bool
    reason: str = ""
