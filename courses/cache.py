"""A cache of the training track's structure: courses, their lessons, prerequisites, topics,
stages and cover renditions. Learners' progress is never cached.

Every key holds a version that changes whenever a page, an image, a tag or a stage is saved,
moved or deleted (see `canteen_site.cache_versions`). With several worker processes, the cache
must be shared (REDIS_URL) for changes to show at once; otherwise a worker may serve the old
structure for at most STRUCTURE_CACHE_SECONDS.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItemBase
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move

from canteen_site import cache_versions
from projects.fragments import names_may_have_changed
from projects.models import Membership, Stage

NAME = "courses-structure"
STRUCTURE_CACHE_SECONDS = 300
WATCHED = (Page, AbstractImage, AbstractRendition, Tag, TaggedItemBase, Stage)


def version():
    return cache_versions.version(NAME)


def bump():
    cache_versions.bump(NAME)


def cached(name, build):
    """The value for `name` in the current structure, built (and stored) when missing."""
    return cache_versions.cached(NAME, name, build, STRUCTURE_CACHE_SECONDS)


# A project team's learning: who is in the team, what they enrolled in and completed.
TEAM_LEARNING_SECONDS = 300


def team_learning_name(project_id):
    return f"courses-team-learning:{project_id}"


def cached_team_learning(project, key, build):
    """What shows the team's progress, kept until a member, a member's name, an enrolment or a
    completion changes."""
    team_version = cache_versions.version(team_learning_name(project.pk))
    return cache_versions.cached(
        NAME,
        f"team:{project.pk}:{project.stage_id}:{team_version}:{key}",
        build,
        TEAM_LEARNING_SECONDS,
    )


def _team_learning_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    project_id = getattr(instance, "project_id", None)
    if project_id is not None:
        project_ids = [project_id]
    elif isinstance(instance, get_user_model()):
        if not names_may_have_changed(update_fields):
            return
        project_ids = Membership.objects.filter(user=instance).values_list("project_id", flat=True)
    else:
        project_ids = Membership.objects.filter(user_id=instance.user_id).values_list(
            "project_id", flat=True
        )
    for pk in project_ids:
        cache_versions.bump(team_learning_name(pk))


def _changed(sender, instance=None, **kwargs):
    if isinstance(instance, WATCHED):
        bump()


def connect():
    from .models import CourseCompletion, Enrolment, LessonCompletion, TeamEnrolment

    watched = (Membership, TeamEnrolment, Enrolment, LessonCompletion, CourseCompletion)
    for model in (*watched, get_user_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                _team_learning_changed,
                sender=model,
                dispatch_uid=f"courses_team_learning_{signal is post_save}_{model.__name__}",
            )
    post_save.connect(_changed, dispatch_uid="courses_structure_save")
    post_delete.connect(_changed, dispatch_uid="courses_structure_delete")
    m2m_changed.connect(_changed, dispatch_uid="courses_structure_m2m")
    page_unpublished.connect(_changed, dispatch_uid="courses_structure_unpublish")
    post_page_move.connect(_changed, dispatch_uid="courses_structure_move")
