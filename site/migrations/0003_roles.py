"""Create the three roles (groups) with their Wagtail permissions."""

from django.db import migrations

TEAM_MEMBER = "Équipe projet"
TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

MEDIA_PERMISSIONS = {
    ("wagtaildocs", "document"): ["add", "change", "delete", "choose"],
    ("wagtailimages", "image"): ["add", "change", "delete", "choose"],
}
PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def get_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    Group.objects.get_or_create(name=TEAM_MEMBER)
    trainer, _ = Group.objects.get_or_create(name=TRAINER)
    head_office, _ = Group.objects.get_or_create(name=HEAD_OFFICE)

    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in (trainer, head_office):
        group.permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for (app_label, model), actions in MEDIA_PERMISSIONS.items():
            for action in actions:
                permission = get_permission(apps, app_label, model, f"{action}_{model}")
                for group in (trainer, head_office):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

    for action in ("add", "change", "delete"):
        head_office.permissions.add(
            get_permission(apps, "wagtailcore", "collection", f"{action}_collection")
        )
    for action in ("add", "change", "view"):
        head_office.permissions.add(get_permission(apps, "canteen_site", "user", f"{action}_user"))
    head_office.permissions.add(
        get_permission(apps, "wagtailredirects", "redirect", "add_redirect")
    )
    head_office.permissions.add(
        get_permission(apps, "wagtailredirects", "redirect", "change_redirect")
    )

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for action in PAGE_PERMISSIONS:
            permission = get_permission(apps, "wagtailcore", "page", f"{action}_page")
            GroupPagePermission.objects.get_or_create(
                group=head_office, page=root_page, permission=permission
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[TEAM_MEMBER, TRAINER, HEAD_OFFICE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("canteen_site", "0002_pages_and_notifications"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
