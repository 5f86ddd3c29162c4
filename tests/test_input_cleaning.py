"""Every text read from a query string or a form goes through one cleaning
(canteen_site.text): a NUL byte or another control character never reaches the database
(PostgreSQL refuses a NUL: a 500 before), and the visitor is told what happened."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from canteen_site.text import clean_text, search_words
from courses.models import ExerciseAnswer
from projects.models import Project
from tests.factories.courses import exercise_block, lessons_of, make_course, paragraph
from tests.factories.toolbox import make_index, make_resource

CONTROL_CHARACTERS = ["\x00", "\x1b", "\x07", "\x7f", "\x85"]
IGNORED = "Invisible control characters in your search were ignored."
REFUSED = "This text contains invisible control characters: please type it again."


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_the_cleaning_replaces_control_characters_and_says_so():
    cleaned = clean_text("  caf\x00é\x1b  ", 200)
    assert cleaned.text == "caf\ufffdé\ufffd"
    assert cleaned.had_control_characters
    assert search_words(cleaned.text) == "caf e"
    assert clean_text("ligne 1\nligne 2", multiline=True).text == "ligne 1\nligne 2"
    assert clean_text("ligne 1\nligne 2").had_control_characters
    shortened = clean_text("x" * 300, 200)
    assert (shortened.text, shortened.shortened) == ("x" * 200, True)
    assert not clean_text("Île-de-France – 93").had_control_characters


@pytest.mark.django_db
@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
def test_the_site_search_ignores_control_characters_with_a_message(client, char):
    make_resource(make_index(), "Budget prévisionnel", summary="Un modèle à remplir.")
    response = client.get(reverse("search"), {"q": f"budget{char}"})
    assert response.status_code == 200
    assert IGNORED in response.content.decode()
    response = client.get(reverse("search"), {"q": char})
    assert response.status_code == 200
    assert IGNORED in response.content.decode()
    assert "\x00" not in response.content.decode()


@pytest.mark.django_db
def test_the_site_search_still_finds_around_a_control_character(client):
    make_resource(make_index(), "Budget prévisionnel", body=[paragraph("Des dépenses.")])
    response = client.get(reverse("search"), {"q": "\x00budget"})
    assert [page.title for page in response.context["results"]] == ["Budget prévisionnel"]


@pytest.mark.django_db
@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
def test_the_toolbox_search_and_filters_ignore_control_characters(client, char):
    index = make_index()
    make_resource(index, "Budget prévisionnel")
    response = client.get(index.url, {"q": f"budget{char}", "stage": f"x{char}", "sort": char})
    assert response.status_code == 200
    assert IGNORED in response.content.decode()
    assert [row.title for row in response.context["browse"].rows] == ["Budget prévisionnel"]


START_DATA = {
    "name": "Awa Traoré",
    "email": "awa@exemple.fr",
    "city": "Lyon",
    "postcode": "69005",
    "neighbourhood": "Saint-Just",
    "neighbours_interested": "6",
    "message": "Nous sommes six voisins.\r\nEt nous rêvons d'une cantine.",
    "website": "",
}


@pytest.mark.django_db
@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
@pytest.mark.parametrize("field", ["name", "city", "neighbourhood", "message"])
def test_a_form_refuses_control_characters_with_a_clear_message(client, char, field):
    response = client.post(reverse("projects:start"), {**START_DATA, field: f"Saint{char}Denis"})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [REFUSED]
    assert REFUSED in response.content.decode().replace("&#x27;", "'")
    assert not Project.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_line_breaks_are_text_in_a_multi_line_field(client):
    response = client.post(reverse("projects:start"), START_DATA)
    assert response.status_code == 302
    assert Project.objects.get().city == "Lyon"


def test_the_profile_form_refuses_a_nul_byte(client, team_member):
    client.force_login(team_member)
    response = client.post(reverse("profile"), {"first_name": "A\x00b", "last_name": "C"})
    assert response.status_code == 400
    assert response.context["form"].errors["first_name"] == [REFUSED]


@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_a_team_exercise_answer_refuses_control_characters(client, team_member, project, char):
    course = make_course("Gouvernance", lessons=1, bodies={0: [exercise_block("exercise-1")]})
    lesson = lessons_of(course)[0]
    client.force_login(team_member)
    url = reverse("courses:exercise", args=[lesson.pk, "exercise-1"])
    response = client.post(url, {"project": project.pk, "answer": f"Notre{char} réponse"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [REFUSED]
    assert not ExerciseAnswer.objects.exists()
    # Line breaks are part of an answer.
    client.post(url, {"project": project.pk, "answer": "Ligne 1\r\nLigne 2"})
    assert ExerciseAnswer.objects.get().text == "Ligne 1\r\nLigne 2"
