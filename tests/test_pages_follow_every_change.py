"""What every page relies on (site, root page, view restrictions, menu, search results): a
constant number of queries, and never a stale answer after a page, a site or a restriction
changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from canteen_site.models import StandardPage
from tests.factories.site import make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_home()


def add_page(parent, title, slug, in_menu=True):
    page = StandardPage(title=title, slug=slug, show_in_menus=in_menu, intro=f"À propos : {title}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_home_page_query_count_does_not_grow_with_the_menu(client, home):
    for number in range(2):
        add_page(home, f"Rubrique {number}", f"rubrique-{number}")
    client.get("/")
    small = queries_for(client, "/")
    for number in range(2, 22):
        add_page(home, f"Rubrique {number}", f"rubrique-{number}")
    client.get("/")
    assert queries_for(client, "/") == small
    assert 'href="/rubrique-21/"' in client.get("/").content.decode()


def test_a_published_change_to_the_home_page_shows_at_once(client, home):
    client.get("/")
    home.title = "Bienvenue dans le réseau"
    home.save_revision().publish()
    assert "Bienvenue dans le réseau" in client.get("/").content.decode()


def test_the_menu_follows_published_and_unpublished_pages(client, home):
    client.get("/")
    page = add_page(home, "Nos cantines", "nos-cantines")
    assert 'href="/nos-cantines/"' in client.get("/").content.decode()
    page.unpublish()
    assert 'href="/nos-cantines/"' not in client.get("/").content.decode()


def test_a_page_made_private_is_private_at_once_with_its_children(client, home):
    page = add_page(home, "Coulisses", "coulisses")
    child = add_page(page, "Sous-page", "sous-page")
    assert client.get("/coulisses/sous-page/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    for url in ["/coulisses/", child.url]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get("/coulisses/sous-page/").status_code == 200


def test_an_alias_keeps_the_restriction_of_its_source_page(client, home):
    source = add_page(home, "Réservé", "reserve")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    section = add_page(home, "Rubrique", "rubrique")
    source.create_alias(parent=section, update_slug="reserve-alias")
    response = client.get("/rubrique/reserve-alias/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_search_results_follow_publishing_and_privacy(client, home):
    page = add_page(home, "Potager partagé", "potager", in_menu=False)
    assert "Potager partagé" in client.get("/recherche/", {"q": "potager"}).content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Potager partagé" not in client.get("/recherche/", {"q": "potager"}).content.decode()
    add_page(home, "Potager du quartier", "potager-quartier")
    assert "Potager du quartier" in client.get("/recherche/", {"q": "potager"}).content.decode()


def test_search_query_count_does_not_grow_with_the_results(client, home):
    add_page(home, "Marmite 0", "marmite-0")
    client.get("/recherche/?q=autre")  # content types and Wagtail's site root paths
    add_page(home, "Marmite 1", "marmite-1")
    small = queries_for(client, "/recherche/?q=marmite")
    for number in range(2, 25):
        add_page(home, f"Marmite {number}", f"marmite-{number}")
    # as many queries for 25 results as for two
    assert queries_for(client, "/recherche/?q=marmite") == small


def test_the_site_follows_a_new_root_page(client, home):
    client.get("/")
    other = add_page(home, "Autre accueil", "autre-accueil")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert "Autre accueil" in client.get("/").content.decode()


def test_the_menu_reads_an_index_of_the_menu_pages(client, home):
    """Every page reads the menu: from the partial index of the pages shown in menus
    (canteen_site/0005), not from the range of every page under the home page, which grows
    with the site (3,000 toolbox resources made it 1.5 ms of every request on PostgreSQL)."""
    add_page(home, "La cantine", "la-cantine")
    for number in range(5):
        add_page(home, f"Page cachée {number}", f"cachee-{number}", in_menu=False)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "La cantine" in html and "Page cachée" not in html
    [menu] = [q["sql"] for q in queries if "show_in_menus" in q["sql"].partition("WHERE")[2]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + menu)
            assert any("canteen_page_menu" in row[3] for row in cursor.fetchall())
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'canteen_page_menu'")
            (definition,) = cursor.fetchone()
            assert "(depth, path)" in definition and "show_in_menus" in definition


def test_the_menu_is_kept_and_follows_every_change_on_another_worker(client, home):
    """The menu is the same for every reader: kept under a key of the pages, the sites and the
    host (canteen_site.content_cache), so a page of the site's own views finds no site and reads
    no menu once it is kept, and any change shows at once, on any worker."""
    from tests.test_caches_cannot_go_stale import two_workers

    page = add_page(home, "Nos cantines", "nos-cantines")
    worker_a, worker_b = two_workers()

    def menu_and_queries():
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/recherche/").content.decode()
        tables = [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]
        menu = [q["sql"] for q in queries if "show_in_menus" in q["sql"].partition("WHERE")[2]]
        return html, tables, menu

    with worker_b:
        html, _sites, menu = menu_and_queries()
        assert 'href="/nos-cantines/"' in html and menu
        html, sites, menu = menu_and_queries()
        assert 'href="/nos-cantines/"' in html
        assert menu == [] and all("CASE" not in sql for sql in sites)  # no site lookup
    with worker_a:
        page.title = "Les cantines du réseau"
        page.save_revision().publish()
    with worker_b:
        assert ">Les cantines du réseau</a>" in menu_and_queries()[0]
    with worker_a:
        page.unpublish()
    with worker_b:
        assert 'href="/nos-cantines/"' not in menu_and_queries()[0]
    with worker_a:
        other = add_page(home, "Autre accueil", "autre-accueil", in_menu=False)
        add_page(other, "Sous la nouvelle racine", "sous-racine")
    with worker_b:
        assert ">Sous la nouvelle racine</a>" not in menu_and_queries()[0]  # kept again
    with worker_a:
        Site.objects.filter(is_default_site=True).update(root_page=other)  # in code, no log
    with worker_b:
        assert ">Sous la nouvelle racine</a>" in menu_and_queries()[0]
