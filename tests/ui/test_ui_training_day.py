"""Journey: a team member signs two people up for a training day; on the day, the trainer takes
attendance on a phone; the team space then shows the day as attended and the next-stage request
goes through."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from canteen_site import roles
from courses.models import StageTrainingDayRequirement
from projects.models import Membership, Project, Stage
from tests.factories.courses import make_session, make_training_day

from .conftest import PHONE, check_accessibility, log_in, open_section

LEAD = "equipe.bagnolet@example.org"
TRAINER = "formatrice@example.org"


def setting_up(make_user):
    """A new team at a stage whose only exit criterion is the training day, and a session of
    that day starting in a few minutes (so that sign-up and attendance both happen today)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    top = Stage.objects.order_by("-position").first().position
    here = Stage.objects.create(
        name="Se former", name_en="Training", slug="se-former", position=top + 1
    )
    Stage.objects.create(name="Après", name_en="Afterwards", slug="apres", position=top + 2)
    project = Project.objects.create(
        name="Cantine de Pantin", slug="pantin", city="Pantin", stage=here, status="active"
    )
    lead = users.get(email=LEAD)
    Membership.objects.create(project=project, user=lead, role=Membership.Role.LEAD)
    colleague = make_user("camille.pantin@example.org", roles.TEAM_MEMBER, first_name="Camille")
    Membership.objects.create(project=project, user=colleague)
    day = make_training_day("Préparer l’ouverture", stages=[here])
    StageTrainingDayRequirement.objects.create(stage=here, day=day)
    start = timezone.now() + timedelta(minutes=10)
    session = make_session(
        day,
        days_ahead=0,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        signup_deadline=start - timedelta(minutes=5),
        trainers=[users.get(email=TRAINER)],
    )
    return project, day, session


def test_sign_up_attend_on_a_phone_and_move_on(new_page, make_user):
    project, day, session = setting_up(make_user)

    team = new_page(locale="en-US")
    log_in(team, LEAD)
    team.goto(f"{day.url}session/{session.pk}/")
    form = team.get_by_role("group", name="Who comes from Cantine de Pantin?")
    form.get_by_label("Camille").check()
    form.get_by_label("Karim Diallo").check()
    team.get_by_role("button", name="Sign up Cantine de Pantin").click()
    expect(team.get_by_text("The team is signed up.")).to_be_visible()
    expect(form.get_by_text("Confirmed")).to_have_count(2)
    check_accessibility(team)

    trainer = new_page(locale="fr-FR", viewport=PHONE)
    log_in(trainer, TRAINER)
    trainer.goto(f"{day.url}session/{session.pk}/")
    trainer.get_by_role("link", name="Prendre les présences").click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("Présences")
    for name in ("Camille", "Karim Diallo"):
        row = trainer.get_by_role("listitem").filter(has_text=name)
        row.get_by_role("button", name="Présent·e").click()
        expect(
            trainer.get_by_role("listitem")
            .filter(has_text=name)
            .get_by_role("button", name="Présent·e")
        ).to_have_attribute("aria-pressed", "true")
    width = trainer.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "no sideways scrolling on a phone"
    check_accessibility(trainer)

    team.goto(f"/projets/{project.slug}/")
    days = open_section(team, "Training days")
    expect(days.get_by_text("Days attended")).to_be_visible()
    expect(days).to_contain_text("Préparer l’ouverture")
    ready = open_section(team, "Ready for the next stage?")
    expect(ready).to_contain_text("Everything required is there.")
    ready.get_by_role("button", name="We are ready for the next stage").click()
    expect(team.get_by_role("region", name="Ready for the next stage?")).to_contain_text(
        "Head office will answer soon"
    )
