"""Browsing the toolbox: facets with counts, search without accents, sorting, bad input."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canteen_site.text import search_words, unaccent
from projects.models import Stage
from tests.factories.courses import paragraph
from tests.factories.toolbox import make_document, make_file, make_index, make_resource
from toolbox import services
from toolbox.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages(first_stage):
    second = Stage.objects.create(name="Financement", slug="financement-test", position=50)
    return first_stage, second


@pytest.fixture
def library(stages):
    first, second = stages
    index = make_index()
    pages = {
        "hygiene": make_resource(
            index,
            "La sécurité sanitaire en cuisine",
            resource_type="guide",
            stages=[first],
            tags=["hygiène", "cuisine"],
            summary="Les gestes de base pour cuisiner ensemble.",
        ),
        "budget": make_resource(
            index,
            "Budget prévisionnel",
            resource_type="template",
            stages=[second],
            tags=["financement"],
            members_only=True,
        ),
        "statuts": make_resource(
            index,
            "Modèle de statuts",
            resource_type="template",
            stages=[first, second],
            tags=["juridique"],
        ),
        "ouverture": make_resource(
            index, "Avant l'ouverture", resource_type="checklist", stages=[second]
        ),
    }
    return index, pages


def titles(response):
    return [row.title for row in response.context["browse"].rows]


def facet(response, name):
    [found] = [f for f in response.context["browse"].facets if f.name == name]
    return {option.value: (option.count, option.selected) for option in found.options}


def test_facets_show_counts_and_combine(client, library, stages):
    index, pages = library
    first, second = stages
    response = client.get(index.url)
    assert sorted(titles(response)) == sorted(page.title for page in pages.values())
    assert facet(response, "type")["template"] == (2, False)
    assert facet(response, "stage")[second.slug] == (3, False)
    assert facet(response, "tag")["juridique"] == (1, False)

    response = client.get(index.url, {"stage": second.slug, "type": "template"})
    assert sorted(titles(response)) == ["Budget prévisionnel", "Modèle de statuts"]
    # Counts of a facet apply the other facets: types among stage-2 resources...
    assert facet(response, "type")["checklist"] == (1, False)
    assert facet(response, "type")["template"] == (2, True)
    # ...and stages among templates.
    assert facet(response, "stage")[first.slug] == (1, False)
    assert facet(response, "stage")[second.slug] == (2, True)
    html = response.content.decode()
    assert f'name="stage" value="{second.slug}" checked' in html


def test_values_of_one_facet_are_alternatives(client, library):
    index, _pages = library
    response = client.get(index.url, {"type": ["guide", "checklist"]})
    assert sorted(titles(response)) == ["Avant l'ouverture", "La sécurité sanitaire en cuisine"]
    response = client.get(index.url, {"tag": ["juridique", "financement"], "type": "template"})
    assert sorted(titles(response)) == ["Budget prévisionnel", "Modèle de statuts"]


def test_filters_live_in_the_url_and_can_be_removed_one_by_one(client, library, stages):
    index, _pages = library
    response = client.get(index.url, {"stage": stages[1].slug, "tag": "financement"})
    browse = response.context["browse"]
    labels = dict(browse.active)
    assert labels["financement"] == f"?stage={stages[1].slug}"
    assert labels[stages[1].display_name] == "?tag=financement"
    assert titles(client.get(index.url + labels["financement"])) != titles(response)


def test_search_ignores_accents_both_ways(client, library):
    index, pages = library
    for query in ["securite", "sécurité", "SECURITE sanitaire", "hygiene", "prévisionnel"]:
        response = client.get(index.url, {"q": query})
        assert titles(response), query
    assert titles(client.get(index.url, {"q": "securite"})) == [pages["hygiene"].title]
    assert titles(client.get(index.url, {"q": "previsionnel"})) == [pages["budget"].title]


def test_search_finds_the_titles_of_documents(client, library):
    index, pages = library
    document = make_document("Tableau des températures du frigo", b"x", "releve.csv")
    make_file(pages["ouverture"], "Relevé quotidien", document)
    assert titles(client.get(index.url, {"q": "temperatures"})) == [pages["ouverture"].title]
    assert titles(client.get(index.url, {"q": "releve quotidien"})) == [pages["ouverture"].title]
    document.title = "Carnet de bord hebdomadaire"
    document.save()
    assert titles(client.get(index.url, {"q": "hebdomadaire"})) == [pages["ouverture"].title]


def test_search_combines_with_facets(client, library, stages):
    index, pages = library
    response = client.get(index.url, {"q": "modele budget statuts", "type": "template"})
    assert titles(response) == []  # every word must match
    response = client.get(index.url, {"q": "statuts", "stage": stages[0].slug})
    assert titles(response) == [pages["statuts"].title]
    assert facet(response, "type")["template"] == (1, False)


def test_sorting(client, library, team_member):
    index, pages = library
    response = client.get(index.url, {"sort": "title"})
    assert titles(response) == sorted(titles(response))
    file = make_file(pages["ouverture"], "Liste", make_document("Liste", b"x", "l.pdf"))
    for _ in range(2):
        services.record_download(team_member, file.versions.get())
    response = client.get(index.url, {"sort": "most_used"})
    assert titles(response)[0] == pages["ouverture"].title
    newest = titles(client.get(index.url))
    assert newest[0] == pages["ouverture"].title  # created last


BAD_INPUTS = [
    {"q": "' OR 1=1 --"},
    {"q": '"; DROP TABLE wagtailcore_page; --'},
    {"q": "x" * 5000},
    {"q": "%%% *** NEAR( ^ \x00"},
    {"q": "<script>alert(1)</script>"},
    {"stage": "nexiste-pas"},
    {"type": "'; DELETE FROM toolbox_resourcepage; --"},
    {"tag": "t" * 3000},
    {"tag": "cuisine\x00' OR '1'='1"},
    {"stage": "\x00", "type": "guide\x00"},
    {"tag": [f"tag-{n}" for n in range(50)]},
    {"sort": "-1 UNION SELECT"},
    {"page": "abc"},
    {"page": "999999"},
    {"sort": "relevance"},
]


@pytest.mark.parametrize("params", BAD_INPUTS)
def test_bad_input_gets_an_empty_result_or_a_message_never_an_error(client, library, params):
    index, pages = library
    response = client.get(index.url, params)
    assert response.status_code == 200
    browse = response.context["browse"]
    assert browse.messages or browse.rows == [] or "page" in params
    assert b"<script>alert(1)</script>" not in response.content
    assert len(list(pages["hygiene"].__class__.objects.all())) == len(pages)


def test_unknown_filter_values_are_ignored_with_a_message(client, library, stages):
    index, _pages = library
    response = client.get(index.url, {"stage": [stages[0].slug, "nexiste-pas"]})
    browse = response.context["browse"]
    assert len(browse.messages) == 1
    assert sorted(titles(response)) == ["La sécurité sanitaire en cuisine", "Modèle de statuts"]
    assert browse.selected["stage"] == [stages[0].slug]


def test_a_search_with_no_word_says_so(client, library):
    index, _pages = library
    response = client.get(index.url, {"q": "%%% !!!"})
    browse = response.context["browse"]
    assert titles(response) == []
    assert browse.messages


def test_text_helpers():
    assert unaccent("Sécurité œuf À") == "securite oeuf a"
    assert search_words("l'hygiène, \"c'est\" -- ÇA!") == "l hygiene c est ca"
    assert len(search_words("mot " * 100).split()) == 12


def populate(index, stages, count, start=0):
    """Live pages straight into the tree (no revisions: much faster for hundreds of pages)."""
    tags = [f"thème {n}" for n in range(12)]
    for number in range(start, start + count):
        page = ResourcePage(
            title=f"Fiche pratique numéro {number}",
            summary="Une fiche parmi beaucoup d'autres.",
            resource_type=["guide", "template", "checklist", "example", "video"][number % 5],
            visibility="members" if number % 3 == 0 else "public",
        )
        page.stages = [stages[number % 2]]
        page.tags.add(tags[number % 12], tags[(number * 7) % 12], f"unique {number}")
        index.add_child(instance=page)


QUERY_COUNT_URLS = [
    {},
    {"type": "guide", "stage": "premier-contact"},
    {"tag": ["theme-1", "theme-2"], "sort": "most_used"},
    {"q": "fiche pratique", "type": "template"},
    {"q": "numero", "sort": "title", "page": "2"},
]


def test_query_count_does_not_grow_with_resources_or_tags(client, stages):
    """10 then 300 resources (and hundreds of tags): same number of queries per page."""
    index = make_index()
    populate(index, stages, 10)

    def counts():
        """Queries of each page computed afresh, then served from the listing cache."""
        result = []
        for params in QUERY_COUNT_URLS:
            for cold in (True, False):
                if cold:
                    cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(index.url, params)
                assert response.status_code == 200
                result.append(len(queries))
        return result

    small = counts()
    populate(index, stages, 290, start=10)
    large = counts()
    assert large == small
    assert all(cold > warm for cold, warm in zip(small[::2], small[1::2], strict=True))
    response = client.get(index.url, {"q": "fiche pratique"})
    assert response.context["browse"].total == 300


def test_the_listing_cache_follows_every_change(client, library, stages, team_member):
    index, pages = library
    assert "Nouvelle fiche" not in titles(client.get(index.url))
    new = make_resource(index, "Nouvelle fiche", resource_type="video")
    assert "Nouvelle fiche" in titles(client.get(index.url))
    new.unpublish()
    assert "Nouvelle fiche" not in titles(client.get(index.url))

    stage = stages[1]
    stage.name = "Argent et budget"
    stage.save()
    labels = [o.label for f in client.get(index.url).context["browse"].facets for o in f.options]
    assert "Argent et budget" in labels

    most_used = {"sort": "most_used"}
    first = titles(client.get(index.url, most_used))[0]
    other = next(page for page in pages.values() if page.title != first)
    file = make_file(other, "Fichier", make_document("Fichier", b"x", "f.pdf"))
    for _ in range(2):
        services.record_download(team_member, file.versions.get())
    assert titles(client.get(index.url, most_used))[0] == other.title

    assert titles(client.get(index.url, {"q": "introuvable"})) == []
    make_file(other, "Fiche introuvable ailleurs", make_document("Doc", b"x", "d.pdf"))
    assert titles(client.get(index.url, {"q": "introuvable"})) == [other.title]


def test_the_cached_listing_follows_changes_made_outside_wagtail_s_publishing(
    client, library, stages
):
    """The listing's key reads how many resources the toolbox holds and the newest page: pages
    added or deleted in code (no revision, no log entry) show at once; a renamed topic too
    (names read afresh)."""
    from taggit.models import Tag

    index, pages = library
    client.get(index.url)  # computed and kept
    populate(index, stages, 1, start=900)
    assert "Fiche pratique numéro 900" in titles(client.get(index.url))
    ResourcePage.objects.get(title="Fiche pratique numéro 900").delete()
    assert "Fiche pratique numéro 900" not in titles(client.get(index.url))
    Tag.objects.filter(slug="juridique").update(name="Droit des associations")
    [tag] = [f for f in client.get(index.url).context["browse"].facets if f.name == "tag"]
    assert "Droit des associations" in [option.label for option in tag.options]


def test_the_listing_s_key_costs_the_same_whatever_the_toolbox_holds(library, stages):
    """One row of index lookups: the work of the query (SQLite's virtual machine steps) does
    not grow with the pages (it was a count of every page of the site)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from toolbox.browse import toolbox_facts

    index, pages = library

    def read():
        steps = []
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            connection.connection.set_progress_handler(lambda: steps.append(1) and 0, 10)
        try:
            with CaptureQueriesContext(connection) as queries:
                facts = toolbox_facts(index)
        finally:
            if connection.vendor == "sqlite":
                connection.connection.set_progress_handler(None, 10)
        assert len(queries) == 1
        return facts, len(steps)

    facts, small = read()
    assert facts["numchild"] == len(pages)
    populate(index, stages, 60, start=500)
    facts, large = read()
    assert facts["numchild"] == len(pages) + 60
    if connection.vendor == "sqlite":
        assert small > 0
        assert large == small


def test_a_resource_made_private_in_code_leaves_the_cached_listing_at_once(client, library):
    """The listing shows public pages only: its key counts the view restrictions, so one added
    without Wagtail's admin (no log entry) hides the page at the next request."""
    from wagtail.models import PageViewRestriction

    index, pages = library
    shown = titles(client.get(index.url))  # computed and kept
    page = ResourcePage.objects.get(title=shown[0])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert page.title not in titles(client.get(index.url))
    PageViewRestriction.objects.filter(page=page).delete()
    assert page.title in titles(client.get(index.url))


def test_visitors_outside_the_network_never_find_a_members_only_resource_by_its_body(
    client, library, team_member
):
    index, _pages = library
    make_resource(
        index,
        "Grille des salaires",
        summary="Pour préparer le recrutement.",
        members_only=True,
        body=[paragraph("Convention collective de la restauration, coefficients détaillés.")],
    )
    search = {"q": "coefficients"}
    assert titles(client.get(index.url, search)) == []
    # Its title and summary are shown to everyone, so they may be searched by everyone.
    assert titles(client.get(index.url, {"q": "salaires"})) == ["Grille des salaires"]
    assert titles(client.get(index.url, {"q": "recrutement"})) == ["Grille des salaires"]
    assert titles(client.get(index.url, {"q": "previsionnel"})) == ["Budget prévisionnel"]
    client.force_login(team_member)
    assert titles(client.get(index.url, search)) == ["Grille des salaires"]
