"""The demo: the network's open canteens and projects under way, with lived-in histories."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from bench.pages import PAGES
from canteen_site.models import User
from courses.models import CourseCompletion, StageCourseRequirement
from projects import services
from projects.models import (
    ChecklistTick,
    Deliverable,
    Membership,
    Project,
    ProjectEvent,
    Stage,
    StageChange,
    StageRequest,
)
from projects.pipeline import reports

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 21)


def test_fourteen_open_canteens_and_about_seventeen_projects(demo_content):
    open_canteens = Project.objects.filter(status=Project.Status.OPEN)
    assert open_canteens.count() == 14
    last = Stage.objects.order_by("-position").first()
    assert set(open_canteens.values_list("stage", flat=True)) == {last.pk}
    cities = set(open_canteens.values_list("city", flat=True))
    assert {"Lyon", "Lille", "Strasbourg", "Paris", "Grenoble", "Bruz"} <= cities
    assert open_canteens.filter(city="Lyon").count() >= 3
    assert open_canteens.filter(neighbourhood="Vieux Lyon").exists()
    assert open_canteens.get(city="Bruz").opened_on == date(2024, 5, 2)
    assert open_canteens.filter(opened_on__year=2016, city="Lyon").exists()

    under_way = Project.objects.current().exclude(status=Project.Status.OPEN)
    assert 15 <= under_way.count() <= 19
    for city in [
        "Bagnolet",
        "Villefranche-sur-Saône",
        "Romans-sur-Isère",
        "Montbrison",
        "Senlis",
        "Rouans",
    ]:
        assert under_way.filter(city=city).exists(), city
    assert under_way.values("stage").distinct().count() >= 6
    assert not Project.objects.filter(region="").exists()
    assert not under_way.filter(first_circle_size=0).exists()

    # The demo accounts have their places.
    bagnolet = Project.objects.get(slug="bagnolet")
    lead = Membership.objects.get(project=bagnolet, user__email="equipe.bagnolet@example.org")
    assert lead.role == Membership.Role.LEAD
    assert bagnolet.memberships.count() >= 3
    senlis = Project.objects.get(city="Senlis")
    assert senlis.memberships.filter(user__email="equipe.senlis@example.org").exists()
    siege = User.objects.get(email="siege@example.org")
    assert siege.coached_projects.count() >= 3


def test_histories_are_plausible_and_consistent(demo_content):
    earliest = timezone.make_aware(datetime(2015, 1, 1))
    now = timezone.now()
    bounds = StageChange.objects.aggregate(first=Min("changed_at"), last=Max("changed_at"))
    assert earliest <= bounds["first"] and bounds["last"] <= now
    for project in Project.objects.all():
        changes = list(project.stage_changes.order_by("changed_at", "id"))
        assert changes[0].from_stage is None
        for previous, following in zip(changes, changes[1:], strict=False):
            assert following.from_stage_id == previous.to_stage_id, project
        assert changes[-1].to_stage_id == project.stage_id, project
        assert project.stage_entered_at == changes[-1].changed_at
        assert project.events.exists()
    events = ProjectEvent.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert earliest <= events["first"] and events["last"] <= now
    # Some projects have been quiet for months: head office's "stalled" list is not empty.
    quiet = Project.objects.current().exclude(status="open")
    assert quiet.filter(last_activity_at__lt=now - timezone.timedelta(days=120)).exists()
    assert quiet.filter(last_activity_at__gt=now - timezone.timedelta(days=30)).exists()


def test_bagnolet_team_space_is_lived_in_and_the_demo_loads_once(client, demo_content):
    bagnolet = Project.objects.get(slug="bagnolet")
    assert ChecklistTick.objects.filter(project=bagnolet, item__stage=bagnolet.stage).count() >= 2
    # The document of its current stage (those of the stages behind it were sent before).
    deliverable = Deliverable.objects.get(project=bagnolet, requirement__stage=bagnolet.stage)
    client.force_login(User.objects.get(email="equipe.bagnolet@example.org"))
    response = client.get(reverse("projects:team_space", args=["bagnolet"]))
    assert response.status_code == 200
    assert deliverable.original_name in response.content.decode()
    download = client.get(reverse("projects:download", args=["bagnolet", deliverable.pk]))
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")

    # The bench measures that page for that account.
    page = next(page for page in PAGES if page.name == "team_space")
    assert page.target == 0.04
    client.force_login(User.objects.get(email=page.login))
    assert client.get(page.path()).status_code == 200

    # Loading again duplicates nothing.
    def counts():
        return (
            Project.objects.count(),
            StageChange.objects.count(),
            ProjectEvent.objects.filter(kind__in=["stage_changed", "item_ticked"]).count(),
            Membership.objects.count(),
            Deliverable.objects.count(),
            ChecklistTick.objects.count(),
        )

    before = counts()
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert counts() == before
    assert not Project.objects.values("slug").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_every_stage_was_left_only_once_its_exit_rules_were_met(demo_content):
    """Each move out of a stage came after its required ticks, its required documents (not
    sent back) and its required courses completed by someone of the team."""
    courses = {}
    for requirement in StageCourseRequirement.objects.all():
        courses.setdefault(requirement.stage_id, []).append(requirement.course_id)
    assert courses, "the demo's stages require courses"
    checked = 0
    for change in StageChange.objects.exclude(from_stage=None).select_related(
        "from_stage", "project"
    ):
        stage, project, left = change.from_stage, change.project, change.changed_at
        for item in stage.checklist_items.filter(required=True):
            tick = ChecklistTick.objects.filter(project=project, item=item).first()
            assert tick and tick.ticked_at <= left, (project.slug, item.name)
        for requirement in stage.deliverable_requirements.filter(required=True):
            latest = (
                Deliverable.objects.filter(
                    project=project, requirement=requirement, uploaded_at__lte=left
                )
                .order_by("-uploaded_at")
                .first()
            )
            assert latest, (project.slug, requirement.name)
            assert latest.review_status != Deliverable.Review.CHANGES_REQUESTED
        team = Membership.objects.filter(project=project, joined_on__lte=left.date())
        for course_id in courses.get(stage.pk, []):
            assert CourseCompletion.objects.filter(
                course_id=course_id,
                user__in=team.values("user"),
                completed_at__lte=left,
            ).exists(), (project.slug, stage.slug, course_id)
        checked += 1
    assert checked > 100


def test_the_demo_tells_a_story_head_office_can_act_on(demo_content):
    # Open canteens have their teams.
    for canteen in Project.objects.filter(status=Project.Status.OPEN):
        assert canteen.memberships.filter(role=Membership.Role.LEAD).exists(), canteen.slug
        assert canteen.memberships.count() >= 2, canteen.slug
    # More than one coach follows the projects under way.
    under_way = Project.objects.current().exclude(status=Project.Status.OPEN)
    assert under_way.exclude(coach=None).values("coach").distinct().count() >= 2
    # The review queue has documents and a next-stage request waiting for head office.
    waiting = Deliverable.objects.filter(review_status=Deliverable.Review.PENDING)
    assert waiting.values("project").distinct().count() >= 3
    assert Deliverable.objects.filter(review_status=Deliverable.Review.CHANGES_REQUESTED).exists()
    request = StageRequest.objects.get(status=StageRequest.Status.PENDING)
    assert request.project.slug == "romans-sur-isere"
    assert services.unmet_criteria(request.project) == []
    # A few projects have stalled (on the day the demo's story is told), each with its reason
    # in its description.
    stalled = list(reports.stalled_projects(now=timezone.make_aware(datetime(2026, 11, 21, 12))))
    assert 2 <= len(stalled) <= 5
    for project in stalled:
        assert len(project.description) > 60, project.slug
    assert {"besancon-battant", "nancy-rives-de-meurthe", "valence-fontbarlettes"} <= {
        p.slug for p in stalled
    }
    paused = Project.objects.get(status=Project.Status.PAUSED)
    assert paused.events.filter(kind=ProjectEvent.Kind.STATUS_CHANGED).exists()
