"""Good work passed on: a team document accepted by head office, published as an example.

Head office proposes; the team consents (or declines), chooses whether the canteen is credited
and whether the uploader's name shows, and may give an anonymised copy to publish instead of
the original. The file stays in the private storage and is served to network members by a
permission-checked view (`projects.storage.private_file_response`): never copied to the public
media, so a withdrawn example is gone at once. The rules are in `toolbox.example_services`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from projects.storage import private_storage

DESCRIPTION_MAX_LENGTH = 1000


def replacement_upload_to(instance, filename):
    return f"examples/{instance.deliverable_id}/{uuid.uuid4().hex}/{filename}"


class Example(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the team's consent")
        PUBLISHED = "published", _("Published in the toolbox")
        DECLINED = "declined", _("Declined by the team")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    deliverable = models.OneToOneField(
        "projects.Deliverable",
        on_delete=models.PROTECT,
        related_name="example",
        verbose_name=_("team document"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="examples",
        verbose_name=_("project"),
    )
    stage = models.ForeignKey(
        "projects.Stage",
        on_delete=models.PROTECT,
        related_name="examples",
        verbose_name=_("project stage"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("why it is a good example"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    credit_canteen = models.BooleanField(_("credit the canteen"), default=False)
    show_uploader = models.BooleanField(_("show who wrote it"), default=False)
    replacement = models.FileField(
        _("anonymised copy"),
        upload_to=replacement_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    replacement_name = models.CharField(_("anonymised copy's name"), max_length=255, blank=True)
    replacement_type = models.CharField(_("anonymised copy's type"), max_length=100, blank=True)
    replacement_size = models.PositiveIntegerField(_("anonymised copy's size"), default=0)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        ordering = ["stage__position", "-published_at", "-id"]
        verbose_name = _("example from a team")
        verbose_name_plural = _("examples from teams")
        permissions = [
            (
                "propose_example",
                _("Can propose to publish an accepted team document as a toolbox example"),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def file_name(self):
        """The published file's name: the team's own name for it when the canteen is credited;
        otherwise one made from the title, as the original's may name the canteen."""
        name = self.replacement_name if self.replacement else self.deliverable.original_name
        if self.credit_canteen:
            return name
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else "pdf"
        return f"{slugify(self.title)[:80] or 'exemple'}.{extension}"

    def file_for_download(self):
        """(file, name, content type) of what is published: the anonymised copy if any."""
        if self.replacement:
            return self.replacement, self.file_name, self.replacement_type
        return self.deliverable.file, self.file_name, self.deliverable.content_type
