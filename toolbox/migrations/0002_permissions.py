"""Rights on the toolbox as permissions (code checks `user.has_perm`, never a group's name).

- trainers and head office manage the toolbox's files (add, change, view; deleting one stays
  with admins, and a downloaded one cannot be deleted at all: `Download` protects it);

- `toolbox.preview_resourcefile`: downloads are previews, not counted as use (trainers, head
  office);
- `toolbox.view_download`: the download reports (trainers, head office);
- `toolbox.edit_toolbox`: write the toolbox (trainers): add, edit and publish pages under every
  toolbox index. This migration grants the page permissions on the indexes that exist now; the
  demo loader and the `after_create_page` hook (toolbox.wagtail_hooks) on those created later.

Groups are looked up by name here only. Granting is idempotent.
"""

from django.db import migrations

TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

# (model, codename, name)
PREVIEW = (
    "resourcefile",
    "preview_resourcefile",
    "Can preview toolbox files (their downloads are not counted as use)",
)
VIEW_DOWNLOADS = ("download", "view_download", "Can view download")
EDIT_TOOLBOX = (
    "toolboxindexpage",
    "edit_toolbox",
    "Can write the toolbox: add, edit and publish pages under the toolbox",
)
FILES = [
    ("resourcefile", f"{action}_resourcefile", f"Can {action} toolbox file")
    for action in ["add", "change", "view"]
]
GRANTS = {
    HEAD_OFFICE: [*FILES, PREVIEW, VIEW_DOWNLOADS],
    TRAINER: [*FILES, PREVIEW, VIEW_DOWNLOADS, EDIT_TOOLBOX],
}
SECTION_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def get_permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ToolboxIndexPage = apps.get_model("toolbox", "ToolboxIndexPage")
    for group_name, permissions in GRANTS.items():
        for group in Group.objects.filter(name=group_name):
            group.permissions.add(
                *[get_permission(apps, "toolbox", *permission) for permission in permissions]
            )
    page_permissions = [
        get_permission(apps, "wagtailcore", "page", codename, codename)
        for codename in SECTION_PAGE_PERMISSIONS
    ]
    editors = Group.objects.filter(
        permissions__content_type__app_label="toolbox", permissions__codename="edit_toolbox"
    ).distinct()
    for group in editors:
        for index_id in ToolboxIndexPage.objects.values_list("pk", flat=True):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=index_id, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("toolbox", "0001_initial"),
        ("canteen_site", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
