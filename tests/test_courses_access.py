"""Who may read what in the training track, for every role, page by page."""

import pytest
from django.urls import reverse

from courses.models import CourseCatalogPage, CourseCompletion, CoursePage, Enrolment
from tests.factories.courses import (
    EXPLANATION,
    exercise_block,
    lessons_of,
    make_catalogue,
    make_course,
    paragraph,
    quiz_block,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, the language of the source strings."""
    settings.LANGUAGE_CODE = "en"


ROLES = ["anonymous", "team_member", "other_team_member", "trainer", "head_office"]
MEMBERS_TEXT = "Texte réservé aux membres du réseau"
PUBLIC_TEXT = "Texte ouvert à tous"


@pytest.fixture
def track(db):
    catalogue = make_catalogue()
    members = make_course(
        "Gouvernance",
        lessons=3,
        bodies={
            0: [paragraph(MEMBERS_TEXT)],
            1: [paragraph("Avant le quiz"), quiz_block("quiz-1")],
            2: [exercise_block("exercise-1")],
        },
    )
    public = make_course(
        "Prix libre",
        lessons=2,
        access=CoursePage.Access.PUBLIC,
        bodies={0: [paragraph(PUBLIC_TEXT)]},
    )
    ordered = make_course("Accueil", lessons=3, ordered=True)
    follow_up = make_course("Ouverture", lessons=2, prerequisites=[members])
    return {
        "catalogue": catalogue,
        "members": members,
        "public": public,
        "ordered": ordered,
        "follow_up": follow_up,
    }


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_lists_every_course_for_every_role(client, role_users, track, role):
    response = client_for(client, role_users[role]).get(track["catalogue"].url)
    assert response.status_code == 200
    content = response.content.decode()
    for key in ("members", "public", "ordered", "follow_up"):
        assert track[key].title in content


@pytest.mark.parametrize("role", ROLES)
def test_members_course_page_shows_lessons_to_members_and_invites_anonymous(
    client, role_users, track, role
):
    course = track["members"]
    first = lessons_of(course)[0]
    response = client_for(client, role_users[role]).get(course.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert course.summary in content
    if role == "anonymous":
        assert reverse("account_login") in content
        assert f'href="{first.url}"' not in content
    else:
        assert f'href="{first.url}"' in content


@pytest.mark.parametrize("role", ROLES)
def test_members_lesson_is_read_by_members_only(client, role_users, track, role):
    lesson = lessons_of(track["members"])[0]
    response = client_for(client, role_users[role]).get(lesson.url)
    assert response.status_code == 200
    content = response.content.decode()
    if role == "anonymous":
        assert MEMBERS_TEXT not in content
        assert reverse("account_login") in content
    else:
        assert MEMBERS_TEXT in content


def test_logged_in_user_outside_any_team_cannot_read_members_lessons(client, make_user, track):
    client.force_login(make_user("voisin@test.org"))
    lesson = lessons_of(track["members"])[0]
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert MEMBERS_TEXT not in response.content.decode()
    public_lesson = lessons_of(track["public"])[0]
    assert PUBLIC_TEXT in client.get(public_lesson.url).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_public_lesson_is_open_to_everyone(client, role_users, track, role):
    lesson = lessons_of(track["public"])[0]
    response = client_for(client, role_users[role]).get(lesson.url)
    assert response.status_code == 200
    assert PUBLIC_TEXT in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_ordered_course_locks_later_lessons_even_by_url(client, role_users, track, role):
    second = lessons_of(track["ordered"])[1]
    response = client_for(client, role_users[role]).get(second.url)
    if role in ("trainer", "head_office"):
        assert response.status_code == 200  # they review every lesson
    elif role == "anonymous":
        assert response.status_code == 200  # members-only course: an invitation to log in
        assert reverse("account_login") in response.content.decode()
        assert "Contenu de la leçon 2" not in response.content.decode()
    else:
        assert response.status_code == 403
        assert "Accueil leçon 1" in response.content.decode()  # the lesson to complete first
        assert "Contenu de la leçon 2" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_unmet_prerequisite_locks_the_course_naming_it(client, role_users, track, role):
    lesson = lessons_of(track["follow_up"])[0]
    response = client_for(client, role_users[role]).get(lesson.url)
    if role in ("trainer", "head_office"):
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 200
        assert reverse("account_login") in response.content.decode()
    else:
        assert response.status_code == 403
        assert track["members"].title in response.content.decode()


def test_prerequisite_completed_opens_the_course(client, team_member, track):
    CourseCompletion.objects.create(user=team_member, course=track["members"])
    client.force_login(team_member)
    assert client.get(lessons_of(track["follow_up"])[0].url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_quiz_page_never_holds_the_correction(client, role_users, track, role):
    lesson = lessons_of(track["members"])[1]
    user = role_users[role]
    if user is not None:
        Enrolment.objects.create(user=user, course=track["members"])
    content = client_for(client, user).get(lesson.url).content.decode()
    if role == "anonymous":
        assert "quiz-1" not in content
        return
    assert 'name="q-quiz-1-q1"' in content
    assert EXPLANATION not in content
    for marker in ("choice-correct", "tag-ok", "is-correct", "is-wrong", '"correct"'):
        assert marker not in content


@pytest.mark.parametrize("role", ROLES)
def test_my_learning_needs_an_account(client, role_users, track, role):
    response = client_for(client, role_users[role]).get(reverse("courses:my_learning"))
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_attestation_is_only_for_its_learner(client, role_users, team_member, track, role):
    CourseCompletion.objects.create(user=team_member, course=track["members"])
    url = reverse("courses:attestation", args=[track["members"].pk])
    response = client_for(client, role_users[role]).get(url)
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "team_member":
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_trainers_report_is_for_trainers_and_head_office(client, role_users, track, role):
    url = reverse("course_report:index")
    response = client_for(client, role_users[role]).get(url)
    if role in ("trainer", "head_office"):
        assert response.status_code == 200
        assert track["members"].title in response.content.decode()
        # Its pages of results are laid out by the head-office pages' stylesheet.
        assert "css/pipeline" in response.content.decode()
    else:
        assert response.status_code in (302, 403)
        assert track["members"].title not in response.content.decode()


def test_unpublished_lesson_is_not_served(client, team_member, track):
    lesson = lessons_of(track["members"])[0]
    url = lesson.url
    lesson.unpublish()
    client.force_login(team_member)
    assert client.get(url).status_code == 404


def test_training_pages_are_served_under_another_catalogue_slug_too(client, team_member, track):
    lesson = lessons_of(track["members"])[0]
    old_url = lesson.url
    catalogue = CourseCatalogPage.objects.get(pk=track["catalogue"].pk)  # children counted
    catalogue.slug = "parcours"
    catalogue.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.url != old_url and lesson.url.startswith("/parcours/")
    client.force_login(team_member)
    assert MEMBERS_TEXT in client.get(lesson.url).content.decode()
    assert client.get(old_url).status_code == 404
    course = CoursePage.objects.get(pk=track["members"].pk)
    assert course.url.startswith("/parcours/")
    assert client.get(course.url).status_code == 200
