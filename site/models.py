from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class EmailUserManager(UserManager):
    """Users log in with their email address; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    # Set by the site's language switcher and in "my space"; every email to the user is
    # written in it (canteen_site.emails).
    preferred_language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the site and of the emails we send you."),
    )

    # Optional; shown to the teams a head-office user coaches (editable in "my space").
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self):
        return self.get_full_name() or self.email.split("@")[0]


class HomePage(Page):
    """The network's front door: what it is, and where to go next."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)
    training_text = models.CharField(_("training teaser"), max_length=250, blank=True)
    toolbox_text = models.CharField(_("toolbox teaser"), max_length=250, blank=True)
    start_text = models.CharField(_("'start a canteen' teaser"), max_length=250, blank=True)
    training_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training catalogue"),
    )
    toolbox_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toolbox"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("training_page"),
                FieldPanel("training_text"),
                FieldPanel("toolbox_page"),
                FieldPanel("toolbox_text"),
                FieldPanel("start_text"),
            ],
            heading=_("Three doors"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        # On the way to a page further down (a lesson, a resource), a section is only passed
        # through: Wagtail's own route reads it twice (as a page, then as its type). Its
        # specific fields are left deferred (Wagtail's `specific_deferred`, no query) and load
        # if anything reads them (a section serving a sub-URL of its own would read them one
        # query each; none of the sections under the home page does).
        if len(path_components) > 1:
            section = self.get_children().filter(slug=path_components[0]).first()
            if section is None:
                raise Http404
            return section.specific_deferred.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["doors"] = self.door_urls(request)
        return context

    def door_urls(self, request):
        """{"training": url, "toolbox": url} of the live pages the doors lead to."""
        ids = {"training": self.training_page_id, "toolbox": self.toolbox_page_id}
        pages = Page.objects.live().filter(pk__in=[pk for pk in ids.values() if pk])
        urls = {
            page.pk: page.get_url(request=request)
            for page in pages.only("id", "url_path", "path", "depth")
        }
        return {door: urls[pk] for door, pk in ids.items() if pk in urls}

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A simple content page (about the network, legal notice, ...)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["canteen_site.HomePage", "canteen_site.StandardPage"]
    subpage_types = ["canteen_site.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NotificationKind(models.TextChoices):
    """What a notification is about; each person chooses, per kind, how they hear of it."""

    DELIVERABLE_REVIEWED = "deliverable", _("A document of my team was reviewed")
    STAGE_REQUEST_DECIDED = "stage_request", _("Head office answered our next-stage request")
    MESSAGE = "message", _("A new message in my project's conversation")
    INVITATION_ACCEPTED = "invitation", _("Someone I invited joined the team")
    NEW_LEAD = "new_lead", _("A new canteen request (head office)")
    TRAINING_DAY = "training_day", _("A training day I signed up for is coming")
    COURSE_REMINDER = "course_reminder", _("A reminder of a course I left unfinished")
    MENTORING = "mentoring", _("A new message or a pairing in a mentoring thread")
    OPENING_TASK_DUE = "opening_task", _("A task of our opening plan is due")
    QUESTION_ANSWERED = "question_answered", _("Someone answered my question to the network")


class Notification(models.Model):
    """Something that needs someone's attention, shown in the header and in "my space".

    Created by `canteen_site.notifications.notify`, which also emails it according to the
    person's preference for its kind."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # A project's id, not a foreign key: the shell imports no app (projects sits above it).
    project_id = models.PositiveBigIntegerField(_("project"), null=True, blank=True)
    # What the notification is about, for senders that must notify only once (e.g.
    # "course-reminder:12").
    key = models.CharField(_("key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Waiting for the daily digest (the person chose a digest for this kind).
    in_digest = models.BooleanField(_("waiting for the daily digest"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
            models.Index(fields=["in_digest", "recipient"], name="notification_digest"),
        ]
        constraints = [
            # A sender that gives a key notifies once per person, even when two runs of a
            # scheduled command overlap.
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self):
        return self.text


class NotificationPreference(models.Model):
    """How one person hears of one kind of notification (no row: at once)."""

    class Delivery(models.TextChoices):
        AT_ONCE = "at_once", _("An email at once")
        DIGEST = "digest", _("One email a day, with the day's notifications")
        OFF = "off", _("No email")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    delivery = models.CharField(
        _("emails"), max_length=10, choices=Delivery.choices, default=Delivery.AT_ONCE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.delivery}"
