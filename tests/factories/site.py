"""Factories shared by the tests: the site's home page (plain functions; tests own fixtures)."""

from wagtail.models import Page, Site

from canteen_site.models import HomePage


def make_home():
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Accueil", slug="accueil")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home
