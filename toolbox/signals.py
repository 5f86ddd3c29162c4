"""Keep files protected, the search index complete, and trainers able to write the toolbox."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from canteen_site.permissions import grant_on_creation

from . import services
from .models import ResourceFile, ResourcePage, ToolboxIndexPage


@receiver(page_published, sender=ResourcePage)
def resource_published(sender, instance, **kwargs):
    # The page row is indexed before its tags, stages and links are saved: index it again.
    services.after_resource_published(instance)


@receiver(post_save, sender=ResourceFile)
def file_saved(sender, instance, raw=False, **kwargs):
    # A new document appends a version; members-only files move to the protected collection.
    if not raw:
        services.after_file_saved(instance)


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.after_document_saved(instance)


# Holders of `toolbox.edit_toolbox` (trainers) write under every toolbox index: those that
# existed when migrating got the page permissions from toolbox migration 0003, a new one here.
grant_on_creation(ToolboxIndexPage, services.EDIT_TOOLBOX)
