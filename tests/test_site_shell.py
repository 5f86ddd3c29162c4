import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from canteen_site.models import HomePage, User

pytestmark = pytest.mark.django_db


def test_every_page_of_the_demo_tree_renders(client, demo_content):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() >= 2
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_demo_loader_is_idempotent(demo_content):
    counts = (Page.objects.count(), User.objects.count(), Site.objects.count())
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    assert (Page.objects.count(), User.objects.count(), Site.objects.count()) == counts
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_loader_refuses_accounts_without_debug_unless_told(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="allow-demo-accounts"):
        call_command("load_demo", verbosity=0)
    assert not User.objects.exists()


def test_home_page_leads_to_search_and_accounts(client, demo_content):
    response = client.get("/")
    content = response.content.decode()
    assert 'href="/recherche/"' in content
    assert 'href="/comptes/login/"' in content
    assert 'href="#main"' in content  # skip link


def test_search_finds_a_demo_page(client, demo_content):
    response = client.get("/recherche/", {"q": "réseau"})
    assert response.status_code == 200
    assert "Le réseau" in response.content.decode()


def test_search_survives_odd_input(client, demo_content):
    for query in ["' OR 1=1 --", "x" * 5000, "%%%", "<script>"]:
        response = client.get("/recherche/", {"q": query, "page": "abc"})
        assert response.status_code == 200
    assert "<script>" not in client.get("/recherche/", {"q": "<script>"}).content.decode()


def test_unknown_page_gets_the_friendly_404(client, demo_content):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "/recherche/" in response.content.decode()


def test_server_error_page_renders_without_context():
    from django.test import RequestFactory

    from canteen_site.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Oups" in response.content.decode()


def test_health_view_answers_ok(client):
    response = client.get("/healthz/")
    assert response.content == b"ok"
