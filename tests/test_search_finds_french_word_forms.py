"""The toolbox search finds a word whatever its form: singular or plural, with or without its
accents, on SQLite (Snowball stems, canteen_site.search_backend) as on PostgreSQL (its French
configuration). CI runs this same file on both databases."""

import pytest

from canteen_site.text import french_stems
from tests.factories.toolbox import make_index, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    index = make_index()
    make_resource(index, "Accueillir les bénévoles", summary="Un livret pour chaque arrivée.")
    make_resource(index, "Préparer les réunions d’équipe", summary="Ordre du jour et compte rendu.")
    make_resource(index, "Budget prévisionnel", summary="Les recettes et les dépenses.")
    return index


def found(client, index, query):
    response = client.get(index.url, {"q": query})
    return sorted(row.title for row in response.context["browse"].rows)


@pytest.mark.parametrize("query", ["benevole", "bénévole", "benevoles", "Bénévoles"])
def test_every_form_of_a_word_finds_the_resource(client, library, query):
    assert found(client, library, query) == ["Accueillir les bénévoles"]


@pytest.mark.parametrize("query", ["reunion", "réunion", "reunions", "RÉUNIONS"])
def test_meetings_are_found_singular_or_plural(client, library, query):
    assert found(client, library, query) == ["Préparer les réunions d’équipe"]


def test_words_of_the_summary_are_stemmed_too(client, library):
    assert found(client, library, "depense recette") == ["Budget prévisionnel"]


def test_an_unrelated_word_finds_nothing(client, library):
    assert found(client, library, "benevolat") == []


def test_the_site_search_finds_forms_too(client, library):
    response = client.get("/recherche/", {"q": "reunion"})
    assert "Préparer les réunions d’équipe" in response.content.decode()


def test_stems_fold_case_accents_and_plural():
    assert french_stems("Les Réunions des BÉNÉVOLES") == french_stems("les reunion des benevole")


def test_ranked_results_are_counted_and_listed_once(client, library):
    make_resource(library, "Planning de la semaine", summary="Qui tient quelle permanence.")
    make_resource(library, "Les permanences du samedi", summary="Ouvrir la porte à 9 heures.")
    response = client.get(library.url, {"q": "permanence"})
    browse = response.context["browse"]
    assert browse.sort == "relevance"
    assert sorted(row.title for row in browse.rows) == [
        "Les permanences du samedi",
        "Planning de la semaine",
    ]
    assert browse.total == 2
