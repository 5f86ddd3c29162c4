"""Permissions of the roles on the training track.

Trainers add, edit and publish pages under the course catalogue, and nowhere else. Head office
manages team enrolments and the courses required to leave a stage; trainers may enrol teams.
Both run idempotently: after each `migrate`, when a catalogue page is created, and from the demo.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from canteen_site import roles

CATALOGUE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
MODEL_PERMISSIONS = {
    roles.HEAD_OFFICE: {
        "teamenrolment": ["add", "change", "delete", "view"],
        "stagecourserequirement": ["add", "change", "delete", "view"],
    },
    roles.TRAINER: {
        "teamenrolment": ["add", "view"],
        "stagecourserequirement": ["view"],
    },
}


def grant_catalogue_permissions(catalogue):
    trainer = Group.objects.filter(name=roles.TRAINER).first()
    if trainer is None:
        return
    page_type = ContentType.objects.get_for_model(Page)
    for codename in CATALOGUE_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(
            group=trainer, page_id=catalogue.pk, permission=permission
        )


def grant_model_permissions():
    for group_name, models in MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
        )


def grant_all():
    from .models import CourseCatalogPage

    grant_model_permissions()
    for catalogue in CourseCatalogPage.objects.all().only("id"):
        grant_catalogue_permissions(catalogue)
