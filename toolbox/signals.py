"""Keep files protected, the search index complete and the listing cache fresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from projects.models import Stage

from . import services
from .models import ResourceFile, ResourceFileVersion, ResourcePage, ToolboxIndexPage


@receiver(page_published, sender=ResourcePage)
def resource_published(sender, instance, **kwargs):
    # The page row is indexed before its tags, stages and links are saved: index it again.
    services.after_resource_published(instance)
    services.bump(services.LISTING)


@receiver(post_save, sender=ToolboxIndexPage)
def toolbox_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.grant_trainer_permissions(instance)


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.after_document_saved(instance)


def listing_changed(sender, raw=False, **kwargs):
    if not raw:
        services.bump(services.LISTING)


for model in (
    ResourcePage,
    ToolboxIndexPage,
    ResourceFile,
    ResourceFileVersion,
    Stage,
    Tag,
    PageViewRestriction,
):
    post_save.connect(listing_changed, sender=model, dispatch_uid=f"toolbox-save-{model.__name__}")
    post_delete.connect(
        listing_changed, sender=model, dispatch_uid=f"toolbox-delete-{model.__name__}"
    )
for signal in (page_unpublished, post_page_move):
    signal.connect(listing_changed, dispatch_uid=f"toolbox-{id(signal)}")
