"""Who is who in the network: the profiles of the open canteens and the projects under way, the
directory and the map, for network members only (`access.is_network_member`).

A profile shows the project's town, stage or opening date, and what its team chose to write (a
short presentation, what it can help with). People appear only with their own consent
(`Membership.network_contact`; the phone with `network_phone`). Every read costs a fixed number
of queries whatever the data.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from . import help_topics
from .models import Membership, NetworkProfile, ProfileTopic, Project, Region
from .services import ProjectActionError

# Shown in the directory: teams under way (paused ones included) and open canteens. Requests
# not yet taken on (leads) and abandoned projects are not; archived ones never.
LISTED = (Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.OPEN)
OPEN_FILTER = "ouvertes"  # the stage filter's value for open canteens
DIRECTORY_PAGE_SIZE = 30


def listed_projects():
    return Project.objects.current().filter(status__in=LISTED)


@dataclass
class DirectoryFilters:
    region: str = ""
    stage: str = ""  # a stage's slug, or OPEN_FILTER
    topic: str = ""  # a help topic's key

    def apply(self, queryset):
        if self.region:
            queryset = queryset.filter(region=self.region)
        if self.stage == OPEN_FILTER:
            queryset = queryset.filter(status=Project.Status.OPEN)
        elif self.stage:
            queryset = queryset.filter(stage__slug=self.stage).exclude(status=Project.Status.OPEN)
        if self.topic:
            queryset = queryset.filter(
                pk__in=ProfileTopic.objects.filter(key=self.topic).values("profile__project_id")
            )
        return queryset


def directory_page(filters, number=None, labels=None):
    """A page of listed projects, open canteens first, each with its profile, topics and the
    number of people who agreed to be contacted (four queries: count, page, topics, people;
    plus the topics' labels when `labels` is not given)."""
    projects = (
        filters.apply(listed_projects())
        .select_related("stage", "network_profile")
        .annotate(
            listed_order=Case(
                When(status=Project.Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("listed_order", "name", "id")  # open canteens first
    )
    page = Paginator(projects, DIRECTORY_PAGE_SIZE).get_page(number)
    shown = list(page.object_list)
    attach_topics(shown, labels)
    contacts = dict(
        Membership.objects.filter(
            project_id__in=[project.pk for project in shown],
            left_on__isnull=True,
            network_contact=True,
            user__is_active=True,
        )
        .values_list("project_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for project in shown:
        project.contact_count = contacts.get(project.pk, 0)
    page.object_list = shown
    return page


def profile_of(project):
    """The project's profile row, or None (loaded with `select_related("network_profile")`)."""
    try:
        return project.network_profile
    except NetworkProfile.DoesNotExist:
        return None


def attach_topics(projects, labels=None):
    """Give each project `topics`: [(key, label)] of what its team can help with (one query,
    plus the topic labels' queries when `labels` is not given)."""
    profile_ids = {}
    for project in projects:
        profile = profile_of(project)
        if profile is not None:
            profile_ids[profile.pk] = project
        project.topics = []
    if not profile_ids:
        return
    labels = help_topics.labels() if labels is None else labels
    rows = ProfileTopic.objects.filter(profile_id__in=list(profile_ids)).values_list(
        "profile_id", "key"
    )
    for profile_id, key in rows:
        if key in labels:
            profile_ids[profile_id].topics.append((key, labels[key]))


def get_listed_project(slug):
    """The listed project at `slug`, with its stage and profile, or None."""
    return listed_projects().select_related("stage", "network_profile").filter(slug=slug).first()


def contact_people(project):
    """The team's current members who agreed to be contacted, lead first (one query)."""
    return list(
        Membership.objects.filter(
            project=project, left_on__isnull=True, network_contact=True, user__is_active=True
        )
        .select_related("user")
        .order_by("role", "joined_on", "id")
    )


def region_label(code):
    return dict(Region.choices).get(code, "")


# Changing a profile


def profile_version(profile):
    """What an edit form carries to detect a save by someone else meanwhile."""
    return profile.updated_at.isoformat() if profile is not None else ""


def update_profile(project, by, presentation, topic_keys, expected_version=None):
    """Replace what the team shows: its presentation and the topics it can help with.

    `expected_version`: `profile_version` when the person's form was loaded; a profile saved by
    someone else since then is not overwritten (ProjectActionError). Returns the profile.
    """
    if project.archived_at is not None:
        raise ProjectActionError(_("This project is archived: nothing can change any more."))
    presentation = (presentation or "").strip()
    known = help_topics.labels()
    unknown = [key for key in topic_keys if key not in known]
    if unknown:
        raise ProjectActionError(_("This topic does not exist: %(key)s") % {"key": unknown[0]})
    with transaction.atomic():
        profile, _created = NetworkProfile.objects.select_for_update().get_or_create(
            project=project
        )
        if (
            expected_version is not None
            and ("" if _created else profile_version(profile)) != expected_version
        ):
            raise ProjectActionError(
                _(
                    "Someone else saved this profile while you were editing it. "
                    "Your changes were not saved: here is their version."
                )
            )
        profile.presentation = presentation
        profile.updated_at = timezone.now()
        profile.updated_by = by
        profile.save()
        wanted = list(dict.fromkeys(topic_keys))
        profile.topics.exclude(key__in=wanted).delete()
        existing = set(profile.topics.values_list("key", flat=True))
        ProfileTopic.objects.bulk_create(
            [ProfileTopic(profile=profile, key=key) for key in wanted if key not in existing]
        )
    return profile


def set_consent(membership, contact, phone, mentoring, *, at=None):
    """A person's own choices on their membership: shown to the network (name and email), with
    their phone, willing to mentor. The phone is never shown without the rest."""
    membership.network_contact = bool(contact)
    membership.network_phone = bool(contact and phone)
    membership.offers_mentoring = bool(mentoring)
    membership.consent_changed_at = at or timezone.now()
    membership.save(
        update_fields=["network_contact", "network_phone", "offers_mentoring", "consent_changed_at"]
    )
    return membership
