"""Keep files protected and the search index complete."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from . import services
from .models import ResourceFile, ResourcePage


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
