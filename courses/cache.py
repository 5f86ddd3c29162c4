"""A cache of the training track's structure: courses, their lessons, prerequisites, topics,
stages and cover renditions. Learners' progress is never cached.

Every key holds a version that changes whenever a page, an image, a tag or a stage is saved,
moved or deleted, immediately and again when the transaction commits. With several worker
processes, the cache must be shared (REDIS_URL) for changes to show at once; otherwise a
worker may serve the old structure for at most STRUCTURE_CACHE_SECONDS.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItemBase
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move

from projects.models import Stage

VERSION_KEY = "courses:structure-version"
STRUCTURE_CACHE_SECONDS = 300
WATCHED = (Page, AbstractImage, AbstractRendition, Tag, TaggedItemBase, Stage)


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        current = cache.get(VERSION_KEY, "")
    return current


def bump():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def cached(name, build):
    """The value for `name` in the current structure, built (and stored) when missing."""
    key = f"courses:{version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, STRUCTURE_CACHE_SECONDS)
    return value


def _changed(sender, instance=None, **kwargs):
    if isinstance(instance, WATCHED):
        bump()
        # A request served before the commit may have stored the old structure again.
        transaction.on_commit(bump)


def connect():
    post_save.connect(_changed, dispatch_uid="courses_structure_save")
    post_delete.connect(_changed, dispatch_uid="courses_structure_delete")
    m2m_changed.connect(_changed, dispatch_uid="courses_structure_m2m")
    page_unpublished.connect(_changed, dispatch_uid="courses_structure_unpublish")
    post_page_move.connect(_changed, dispatch_uid="courses_structure_move")
