from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import CourseCatalogPage
from .permissions import grant_all, grant_catalogue_permissions


@receiver(post_save, sender=CourseCatalogPage)
def catalogue_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_catalogue_permissions(instance)


def after_migrate(sender, app_config, using="default", **kwargs):
    # This app is listed before django.contrib.auth, whose own post_migrate handler would
    # create the permissions of our models only after this one runs.
    create_permissions(app_config, verbosity=0, using=using)
    grant_all()


def connect_post_migrate(app_config):
    post_migrate.connect(after_migrate, sender=app_config, dispatch_uid="courses_permissions")
