from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import CourseCatalogPage
from .permissions import grant_all, grant_catalogue_permissions


@receiver(post_save, sender=CourseCatalogPage)
def catalogue_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_catalogue_permissions(instance)


def after_migrate(sender, **kwargs):
    grant_all()


def connect_post_migrate(app_config):
    post_migrate.connect(after_migrate, sender=app_config, dispatch_uid="courses_permissions")
