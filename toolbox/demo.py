"""Demo toolbox: the index page, 30-odd resources with real small files, a few downloads.

Safe to run again: pages, files and versions are found by their slugs and never doubled.
Runs after the projects demo (stages, teams) and the courses demo.
"""

import datetime
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from canteen_site.demo_files import make_csv, make_odt, make_pdf
from canteen_site.models import HomePage
from canteen_site.permissions import grant_section_permissions
from projects.models import DeliverableRequirement, Stage

from . import services
from .demo_content import RESOURCES
from .models import Download, ResourceFile, ResourcePage, ToolboxIndexPage, Visibility

INDEX_SLUG = "boite-a-outils"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "csv": "text/csv",
}
# Demo downloads: (account, file slug, version number)
DOWNLOADS = [
    ("equipe.bagnolet@example.org", "budget-previsionnel", 1),
    ("equipe.bagnolet@example.org", "statuts-types", 1),
    ("equipe.bagnolet@example.org", "modele-note-intention", 1),
    ("equipe.senlis@example.org", "modele-compte-rendu-reunion", 2),
    ("equipe.senlis@example.org", "budget-previsionnel", 2),
    ("equipe.senlis@example.org", "guide-premier-cercle", 1),
    (None, "guide-premier-cercle", 1),
    (None, "check-list-visio-presentation", 1),
    (None, "grille-visite-local", 1),
]


def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        return
    index = load_index(home)
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    created = 0
    for number, data in enumerate(RESOURCES):
        if load_resource(index, data, stages, age_days=len(RESOURCES) - number):
            created += 1
    link_deliverables()
    load_downloads()
    stdout.write(f"Toolbox: {len(RESOURCES)} resources ({created} new).")


def load_index(home):
    index = ToolboxIndexPage.objects.first()
    if index is None:
        index = ToolboxIndexPage(
            title="Boîte à outils",
            slug=INDEX_SLUG,
            intro="Guides, modèles à remplir, check-lists et exemples venus des cantines du "
            "réseau, pour chaque étape de votre projet.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    grant_section_permissions(index, services.EDIT_TOOLBOX)
    services.members_collection()
    if home.toolbox_page_id is None:
        draft = home.get_latest_revision_as_object()
        draft.toolbox_page = index
        draft.save_revision().publish()
    return index


def _body(items):
    blocks = []
    for item in items:
        kind = item[0]
        if kind == "p":
            blocks.append({"type": "paragraph", "value": {"text": item[1]}})
        elif kind == "h":
            blocks.append({"type": "heading", "value": {"text": item[1], "level": "h2"}})
        elif kind == "quote":
            blocks.append(
                {"type": "quote", "value": {"quote": item[1], "author": item[2], "role": item[3]}}
            )
        else:
            blocks.append(
                {"type": "callout", "value": {"kind": kind, "title": item[1], "text": item[2]}}
            )
    return blocks


def load_resource(index, data, stages, age_days):
    if ResourcePage.objects.filter(slug=data["slug"]).exists():
        return False
    page = ResourcePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        body=_body(data["body"]),
        resource_type=data["type"],
        audience=data["audience"],
        visibility=Visibility.MEMBERS if data["members"] else Visibility.PUBLIC,
        last_reviewed_on=datetime.date.fromisoformat(data["reviewed"]),
    )
    page.stages = [stages[slug] for slug in data["stages"] if slug in stages]
    page.tags.add(*data["tags"])
    for title, url in data.get("links", []):
        page.links.add(page.links.model(title=title, url=url))
    index.add_child(instance=page)
    page.save_revision().publish()
    # Spread the publication dates so that "newest" means something in the demo.
    published = timezone.now() - timedelta(days=age_days * 9)
    ResourcePage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    for position, spec in enumerate(data["files"]):
        load_file(page, spec, position, published)
    return True


def _document(spec, title, content):
    kind = spec["kind"]
    if kind == "csv":
        data = make_csv(content)
    elif kind == "odt":
        data = make_odt(title, content)
    else:
        data = make_pdf(title, content)
    document = get_document_model()(
        title=title, collection=Collection.get_first_root_node(), file_size=len(data)
    )
    document.file.save(f"{spec['slug']}.{kind}", ContentFile(data), save=False)
    document.save()
    return document


def load_file(page, spec, position, published):
    if ResourceFile.objects.filter(slug=spec["slug"]).exists():
        return
    file = ResourceFile(
        resource=page,
        title=spec["title"],
        slug=spec["slug"],
        sort_order=position,
        change_note="Première version.",
        document=_document(spec, spec["title"], spec["content"]),
    )
    file.save()
    first = file.versions.get()
    type(first).objects.filter(pk=first.pk).update(created_at=published)
    if "v2" in spec:
        file.document = _document(spec, spec["title"], spec["v2"]["content"])
        file.change_note = spec["v2"]["note"]
        file.save()
        second = file.versions.get(number=2)
        type(second).objects.filter(pk=second.pk).update(
            created_at=min(timezone.now(), published + timedelta(days=60))
        )


def link_deliverables():
    """Required deliverables point at the toolbox template to start from."""
    pages = {page.slug: page for page in ResourcePage.objects.only("id", "slug")}
    for data in RESOURCES:
        if "deliverable" not in data or data["slug"] not in pages:
            continue
        stage_slug, name = data["deliverable"]
        DeliverableRequirement.objects.filter(
            stage__slug=stage_slug, name=name, template_page__isnull=True
        ).update(template_page=pages[data["slug"]])


def load_downloads():
    if Download.objects.exists():
        return
    users = {user.email: user for user in get_user_model().objects.all()}
    files = {file.slug: file for file in ResourceFile.objects.all()}
    for email, slug, number in DOWNLOADS:
        file = files.get(slug)
        user = users.get(email) if email else AnonymousUser()
        if file is None or user is None:
            continue
        version = file.versions.filter(number=number).first()
        if version is not None:
            services.record_download(user, version)
