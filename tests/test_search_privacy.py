"""One search rule for the whole site: outside the network, a members-only page is found only by
what the site already shows of it (its title and summary); network members search bodies too.
The site search (/recherche/) and the toolbox search share it (canteen_site.search)."""

import pytest
from django.urls import reverse

from courses.models import CoursePage, LessonPage
from tests.factories.courses import make_course, paragraph
from tests.factories.toolbox import make_index, make_resource
from toolbox.resources import ResourcePage

SECRET = "Coefficients confidentiels zanzibar"


def found(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    return sorted(page.title for page in response.context["results"] or [])


@pytest.fixture
def reserved(db):
    index = make_index()
    make_resource(
        index,
        "Grille des salaires",
        summary="Pour préparer le recrutement.",
        members_only=True,
        body=[paragraph(f"Convention collective : {SECRET}.")],
    )
    make_resource(
        index,
        "Budget prévisionnel",
        summary="Un modèle à remplir.",
        body=[paragraph("Tableau public des dépenses zanzibar.")],
    )
    course = make_course(
        "Gestion",
        lessons=1,
        access=CoursePage.Access.MEMBERS,
        bodies={0: [paragraph(f"La leçon réservée parle de {SECRET}.")]},
    )
    lesson = LessonPage.objects.child_of(course).get()
    lesson.summary = "Tenir la caisse."
    lesson.save_revision().publish()
    open_course = make_course(
        "Accueil des voisins",
        lessons=1,
        access=CoursePage.Access.PUBLIC,
        bodies={0: [paragraph(f"Une leçon ouverte qui cite aussi {SECRET}.")]},
    )
    return index, course, open_course


def test_a_visitor_does_not_find_a_members_only_page_by_its_body(client, reserved):
    # Only the public lesson and the public resource hold these words for a visitor.
    assert found(client, "coefficients confidentiels") == ["Accueil des voisins leçon 1"]
    assert found(client, "zanzibar") == ["Accueil des voisins leçon 1", "Budget prévisionnel"]


def test_a_visitor_finds_a_members_only_page_by_its_title_and_summary(client, reserved):
    assert found(client, "salaires") == ["Grille des salaires"]
    assert found(client, "recrutement") == ["Grille des salaires"]
    assert found(client, "caisse") == ["Gestion leçon 1"]
    assert found(client, "gestion leçon") == ["Gestion leçon 1"]


def test_a_logged_in_user_outside_the_network_is_a_visitor_for_search(client, reserved, make_user):
    client.force_login(make_user("curieux@test.org"))
    assert found(client, "coefficients confidentiels") == ["Accueil des voisins leçon 1"]


@pytest.mark.parametrize("who", ["team_member", "trainer", "head_office"])
def test_network_members_find_members_only_pages_by_their_body(client, reserved, who, request):
    client.force_login(request.getfixturevalue(who))
    assert found(client, "coefficients confidentiels") == [
        "Accueil des voisins leçon 1",
        "Gestion leçon 1",
        "Grille des salaires",
    ]


def test_the_toolbox_search_follows_the_same_rule(client, reserved, team_member):
    index, _course, _open = reserved

    def titles(query):
        response = client.get(index.url, {"q": query})
        return sorted(row.title for row in response.context["browse"].rows)

    assert titles("coefficients") == []
    assert titles("salaires") == ["Grille des salaires"]
    client.force_login(team_member)
    assert titles("coefficients") == ["Grille des salaires"]


def test_a_members_only_page_renamed_is_found_by_its_new_title_only(client, reserved):
    """Outside the network, members-only pages are matched in the database on a copy of their
    title and summary kept with the page: publishing a change keeps it in step."""
    resource = ResourcePage.objects.get(title="Grille des salaires")
    resource.title = "Barème des rémunérations"
    resource.summary = "Pour l'embauche."
    resource.save_revision().publish()
    assert found(client, "bareme remunerations") == ["Barème des rémunérations"]
    assert found(client, "embauche") == ["Barème des rémunérations"]
    assert found(client, "salaires") == []
    assert found(client, "recrutement") == []


def test_a_visitor_pages_through_members_only_matches_after_the_others(client, reserved):
    """The full-text matches come first, then the members-only pages matched on their title
    and summary, each once, over as many result pages as they fill."""
    index, _course, _open = reserved
    for number in range(12):
        make_resource(index, f"Fiche réservée {number}", summary="Zanzibar.", members_only=True)
    response = client.get(reverse("search"), {"q": "zanzibar"})
    first = [page.title for page in response.context["results"]]
    response = client.get(reverse("search"), {"q": "zanzibar", "page": "2"})
    second = [page.title for page in response.context["results"]]
    assert set(first[:2]) == {
        "Accueil des voisins leçon 1",
        "Budget prévisionnel",
    }
    reserved_titles = first[2:] + second
    assert reserved_titles == [f"Fiche réservée {number}" for number in range(12)]
