"""The Wagtail admin side: trainers edit the catalogue and nothing else; the trainers' report;
team enrolments and stage requirements."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text

from canteen_site import roles
from canteen_site.models import StandardPage
from courses.models import (
    CourseCatalogPage,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)
from tests.factories.courses import (
    EXPLANATION,
    lessons_of,
    make_catalogue,
    make_course,
    paragraph,
    quiz_block,
)
from tests.factories.site import make_home

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, the language of the source strings."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def pages(db):
    home = make_home()
    about = StandardPage(title="Le réseau", slug="le-reseau")
    home.add_child(instance=about)
    about.save_revision().publish()
    catalogue = make_catalogue()
    course = make_course("Gouvernance", lessons=2)
    return {"home": home, "about": about, "catalogue": catalogue, "course": course}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_catalogue_created_in_the_admin_gives_trainers_their_page_permissions(
    client, head_office
):
    trainer_group = Group.objects.get(name=roles.TRAINER)
    assert not GroupPagePermission.objects.filter(group=trainer_group).exists()
    home = make_home()
    client.force_login(head_office)
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursecatalogpage", home.pk])
    data = {"title": "Formation", "slug": "formation", "intro": "", "body": rich_text("")}
    response = client.post(url, nested_form_data({**data, "action-publish": "action-publish"}))
    assert response.status_code == 302
    catalogue = CourseCatalogPage.objects.get()
    codenames = set(
        GroupPagePermission.objects.filter(group=trainer_group, page=catalogue).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}


def test_trainer_edits_and_publishes_in_the_catalogue(client, trainer, pages):
    client.force_login(trainer)
    for page in (pages["catalogue"], pages["course"], lessons_of(pages["course"])[0]):
        assert client.get(edit_url(page)).status_code == 200
        assert page.permissions_for_user(trainer).can_publish()
    add_course = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", pages["catalogue"].pk]
    )
    assert client.get(add_course).status_code == 200


def test_trainer_cannot_edit_pages_outside_the_catalogue(client, trainer, pages):
    client.force_login(trainer)
    for page in (pages["home"], pages["about"]):
        response = client.get(edit_url(page))
        assert response.status_code in (302, 403)
        assert not page.permissions_for_user(trainer).can_edit()
        client.post(edit_url(page), {"title": "Piraté", "slug": page.slug})
        page.refresh_from_db()
        assert page.title != "Piraté"
    add_standard = reverse(
        "wagtailadmin_pages:add", args=["canteen_site", "standardpage", pages["home"].pk]
    )
    assert client.get(add_standard).status_code in (302, 403)


def test_head_office_still_edits_everything(client, head_office, pages):
    client.force_login(head_office)
    for page in (pages["home"], pages["about"], pages["course"]):
        assert client.get(edit_url(page)).status_code == 200


@pytest.mark.parametrize("role", ["team_member", "other_team_member"])
def test_team_members_have_no_admin(client, role_users, pages, role):
    client.force_login(role_users[role])
    assert client.get(edit_url(pages["course"])).status_code in (302, 403)


# The trainers' report


@pytest.fixture
def learners(pages, project, team_member, other_project, other_team_member, make_user, trainer):
    course = pages["course"]
    first, second = lessons_of(course)
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=trainer)
    Enrolment.objects.create(user=other_team_member, course=course)
    for user in (team_member, other_team_member):
        LessonCompletion.objects.create(user=user, lesson=first, course=course, method="button")
    LessonCompletion.objects.create(user=team_member, lesson=second, course=course, method="quiz")
    CourseCompletion.objects.create(user=team_member, course=course)
    for score in (50, 100):
        QuizAttempt.objects.create(
            user=team_member,
            lesson=second,
            course=course,
            block_id="quiz",
            score=score,
            correct_count=score // 50,
            question_count=2,
            passed=score == 100,
        )
    return course


def report(client, user, **params):
    client.force_login(user)
    return client.get(reverse("course_report:index"), params)


def test_report_lists_learners_of_teams_and_on_their_own(
    client, trainer, learners, team_member, other_team_member, project
):
    response = report(client, trainer)
    assert response.status_code == 200
    rows = {row.user: row for row in response.context["rows"]}
    assert set(rows) == {team_member, other_team_member}
    mine = rows[team_member]
    assert (mine.done, mine.total, mine.percent, mine.average_score) == (2, 2, 100, 75)
    assert mine.via == project.name and mine.completed_at is not None
    theirs = rows[other_team_member]
    assert (theirs.percent, theirs.completed_at, theirs.average_score) == (50, None, None)
    (summary,) = response.context["summaries"]
    assert (summary.learners, summary.teams, summary.completed, summary.average_score) == (
        2,
        1,
        1,
        75,
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "completed"}, ["equipe@test.org"]),
        ({"status": "in_progress"}, ["autre@test.org"]),
        ({"project": "other"}, ["autre@test.org"]),
        ({"status": "nonsense"}, ["autre@test.org", "equipe@test.org"]),
    ],
)
def test_report_filters(client, head_office, learners, other_project, params, expected):
    if params.get("project") == "other":
        params = {"project": other_project.pk}
    response = report(client, head_office, **params)
    assert sorted(row.user.email for row in response.context["rows"]) == expected


def test_report_exports_csv(client, trainer, learners, make_user, team_member):
    team_member.first_name = "=HYPERLINK(1)"
    team_member.save()
    response = report(client, trainer, export="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows[0]) == 12  # the headings
    by_email = {row[2]: row for row in rows[1:]}
    assert set(by_email) == {"equipe@test.org", "autre@test.org"}
    assert by_email["equipe@test.org"][1].startswith("'=")  # never a formula
    assert by_email["equipe@test.org"][8] == "100"
    assert by_email["equipe@test.org"][10] == "75"


# Team enrolments and stage requirements in the admin


def test_head_office_manages_team_enrolments_and_requirements(
    client, head_office, pages, project, first_stage
):
    client.force_login(head_office)
    assert client.get(reverse("teamenrolment:index")).status_code == 200
    response = client.post(
        reverse("teamenrolment:add"), {"project": project.pk, "course": pages["course"].pk}
    )
    assert response.status_code == 302
    enrolment = TeamEnrolment.objects.get()
    assert enrolment.enrolled_by == head_office
    requirements = "wagtailsnippets_courses_stagecourserequirement"
    response = client.post(
        reverse(f"{requirements}:add"),
        {"stage": first_stage.pk, "course": pages["course"].pk, "rule": "share", "share": 75},
    )
    assert response.status_code == 302
    requirement = StageCourseRequirement.objects.get(stage=first_stage)
    assert (requirement.rule, requirement.share) == ("share", 75)


def test_archived_teams_cannot_be_enrolled_from_the_admin(
    client, head_office, pages, project, other_project_and_member
):
    archived, _member = other_project_and_member
    archived.archived_at = timezone.now()
    archived.save()
    client.force_login(head_office)
    form = client.get(reverse("teamenrolment:add")).content.decode()
    assert project.name in form and archived.name not in form
    response = client.post(
        reverse("teamenrolment:add"), {"project": archived.pk, "course": pages["course"].pk}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not TeamEnrolment.objects.exists()


def test_trainer_enrols_teams_but_does_not_set_exit_criteria(
    client, trainer, pages, project, first_stage
):
    client.force_login(trainer)
    assert client.get(reverse("teamenrolment:add")).status_code == 200
    requirements = "wagtailsnippets_courses_stagecourserequirement"
    client.post(
        reverse(f"{requirements}:add"), {"stage": first_stage.pk, "course": pages["course"].pk}
    )
    assert not StageCourseRequirement.objects.exists()


@pytest.mark.parametrize("role", ["team_member", "other_team_member"])
def test_team_members_see_no_training_admin(client, role_users, pages, role):
    client.force_login(role_users[role])
    assert client.get(reverse("teamenrolment:index")).status_code in (302, 403)
    assert client.get(reverse("course_report:index")).status_code in (302, 403)


# Previews


def preview(page, user, rf):
    request = rf.get("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = page.serve_preview(request, page.default_preview_mode)
    response.render()
    return response.content.decode()


def test_trainer_previews_a_new_lesson_with_a_quiz(rf, trainer, pages):
    course = pages["course"]
    lesson = LessonPage(
        title="Leçon en préparation",
        body=[paragraph("Brouillon du texte"), quiz_block("quiz-new")],
    )
    lesson.depth = course.depth + 1
    lesson.path = course.get_last_child()._inc_path()
    content = preview(lesson, trainer, rf)
    assert "Brouillon du texte" in content
    assert 'name="q-quiz-new-q1"' in content
    assert EXPLANATION not in content


def test_trainer_previews_unsaved_changes_of_a_course_and_a_lesson(rf, trainer, pages):
    course = pages["course"].get_latest_revision_as_object()
    course.summary = "Résumé pas encore publié"
    assert "Résumé pas encore publié" in preview(course, trainer, rf)
    lesson = lessons_of(pages["course"])[0]
    lesson.title = "Titre pas encore publié"
    assert "Titre pas encore publié" in preview(lesson, trainer, rf)


@pytest.mark.parametrize("role", ["trainer", "head_office"])
def test_training_menu_leads_staff_to_the_report(client, role_users, pages, role):
    client.force_login(role_users[role])
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("course_report:index") in content
    assert reverse("teamenrolment:index") in content
