"""The toolbox's resources (guides, templates, checklists...), their files and downloads.

A resource's downloadable files live outside the page revisions (`ResourceFile`), so that each
file keeps one stable download link and an append-only history of versions, whatever happens
to the page's drafts (the versions are recorded by `toolbox.signals`). `toolbox.models` holds
the index page that lists them.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from canteen_site.blocks import BaseContentBlock
from canteen_site.search import MembersOnlyTeaser
from canteen_site.text import CleanTextMixin, unaccent
from projects.access import is_network_member
from projects.models import DeliverableRequirement

from .panels_admin import ResourceFilesPanel, VersionHistoryPanel


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template to fill in")
    CHECKLIST = "checklist", _("Checklist")
    EXAMPLE = "example", _("Worked example")
    VIDEO = "video", _("Video")


class Audience(models.TextChoices):
    WHOLE_TEAM = "team", _("The whole project team")
    COORDINATORS = "coordinators", _("Project coordinators")
    BOARD = "board", _("Board and treasurer")
    MANAGER = "manager", _("Canteen manager")
    KITCHEN = "kitchen", _("Kitchen volunteers")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Network members only")


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "toolbox.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(MembersOnlyTeaser, Page):
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("Shown in listings and to visitors who are not logged in."),
    )
    body = StreamField(BaseContentBlock(), blank=True, verbose_name=_("body"))
    resource_type = models.CharField(
        _("type"), max_length=12, choices=ResourceType.choices, default=ResourceType.GUIDE
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.WHOLE_TEAM
    )
    visibility = models.CharField(
        _("who can read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Network members are logged-in people: project teams, trainers and head office. "
            "Files of members-only resources are moved to the members-only collection."
        ),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), default=timezone.localdate)
    stages = ParentalManyToManyField(
        "projects.Stage",
        blank=True,
        related_name="toolbox_resources",
        verbose_name=_("project stages it serves"),
    )
    tags = ClusterTaggableManager(
        through=ResourceTag, blank=True, verbose_name=_("topics"), related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("audience"),
                FieldPanel("visibility"),
                FieldPanel("last_reviewed_on"),
            ],
            heading=_("Classification"),
        ),
        ResourceFilesPanel(heading=_("Files to download")),
        InlinePanel("links", label=_("Useful links"), heading=_("Links")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_text"),
        index.FilterField("resource_type"),
        index.FilterField("visibility"),
    ]

    parent_page_types = ["toolbox.ToolboxIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("toolbox resource")
        verbose_name_plural = _("toolbox resources")

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    @classmethod
    def members_only_pages(cls):
        """Searched on their title and summary only outside the network (canteen_site.search)."""
        return cls.objects.filter(visibility=Visibility.MEMBERS)

    def body_text(self):
        field = self._meta.get_field("body")
        return " ".join(str(text) for text in field.get_searchable_content(self.body))

    def search_text(self):
        """An unaccented copy of everything searchable, so that accents never get in the way.

        The query is unaccented the same way (see `text.search_words`).
        """
        files = list(self.files.select_related("document"))
        parts = [self.title, self.summary, self.body_text()]
        parts += [tag.name for tag in self.tags.all()]
        parts += [name for stage in self.stages.all() for name in (stage.name, stage.name_en)]
        parts += [file.title for file in files]
        parts += [file.description for file in files]
        parts += [file.document.title for file in files if file.document]
        parts += [link.title for link in self.links.all()]
        return unaccent(" ".join(part for part in parts if part))

    def can_be_read_by(self, user):
        """The body and files: public ones for all, the others for network members."""
        return not self.is_members_only or is_network_member(user)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        readable = self.can_be_read_by(request.user)
        parent = self.get_parent() if self.pk else None
        context.update(
            {
                "can_read": readable,
                "files": [],
                "links": list(self.links.all()) if readable else [],
                "deliverables": [],
                "index_url": parent.get_url(request=request) if parent else "/",
            }
        )
        if readable and self.pk:  # a new page previewed in the admin has no files yet
            versions = ResourceFileVersion.objects.select_related("document").order_by("-number")
            context["files"] = list(
                self.files.select_related("document").prefetch_related(
                    Prefetch("versions", queryset=versions)
                )
            )
            context["deliverables"] = list(
                DeliverableRequirement.objects.filter(template_page=self)
                .select_related("stage")
                .order_by("stage__position", "sort_order")
            )
        return context


class ResourceLink(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title


class ResourceFileForm(CleanTextMixin, WagtailAdminModelForm):
    """Picking another document publishes a new version: it must say what changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "slug" in self.fields:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _(
                "The download link never changes, so that links already shared keep working."
            )
        if not self.instance.pk and "resource" in self.fields and self.initial.get("resource"):
            self.fields["resource"].initial = self.initial["resource"]

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        note = (cleaned.get("change_note") or "").strip()
        new_version = self.instance.pk and document and document.pk != self.instance.document_id
        if new_version and (not note or note == self.initial.get("change_note", "").strip()):
            self.add_error(
                "change_note",
                _("This is a new version: describe what changed since the previous one."),
            )
        return cleaned


class ResourceFile(models.Model):
    """A file a resource offers for download, with a stable link and its versions."""

    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="files", verbose_name=_("resource")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("link name"),
        max_length=80,
        unique=True,
        blank=True,
        allow_unicode=False,
        help_text=_("Used in the stable download link; made from the title when left empty."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("current file"),
        help_text=_("Choose or upload another document to publish a new version."),
    )
    change_note = models.CharField(
        _("what changed in this version"),
        max_length=300,
        blank=True,
        help_text=_("Shown to teams that downloaded an older version."),
    )
    sort_order = models.PositiveSmallIntegerField(_("position on the page"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    panels = [
        FieldPanel("resource"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("change_note"),
        FieldPanel("sort_order"),
        VersionHistoryPanel(heading=_("Versions")),
    ]
    base_form_class = ResourceFileForm

    class Meta:
        ordering = ["sort_order", "title", "id"]
        verbose_name = _("toolbox file")
        verbose_name_plural = _("toolbox files")
        permissions = [
            (
                "preview_resourcefile",
                _("Can preview toolbox files (their downloads are not counted as use)"),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug(self.title)
        super().save(*args, **kwargs)

    @classmethod
    def unique_slug(cls, title):
        base = slugify(title)[:70] or "fichier"
        slug, number = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug = f"{base}-{number}"
            number += 1
        return slug

    @cached_property
    def latest_version(self):
        return self.versions.order_by("-number").select_related("document").first()


class ResourceFileVersion(models.Model):
    """One published version of a file: written once, never changed."""

    file = models.ForeignKey(ResourceFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("document"),
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("published on"), default=timezone.now)

    class Meta:
        ordering = ["file", "-number"]
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="unique_file_version")
        ]

    def __str__(self):
        return f"{self.file} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("File versions are append-only.")
        super().save(*args, **kwargs)


class Download(models.Model):
    """One download of a file version; counts for each current project of the person.

    The history is kept: a file or version that was downloaded cannot be deleted (PROTECT).
    """

    file = models.ForeignKey(ResourceFile, on_delete=models.PROTECT, related_name="downloads")
    version = models.ForeignKey(
        ResourceFileVersion, on_delete=models.PROTECT, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="toolbox_downloads"
    )
    downloaded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-downloaded_at", "-id"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self):
        return f"{self.version} · {self.downloaded_at:%Y-%m-%d}"
