"""Journey 5: a visitor filters and searches the toolbox; a members-only file is refused to the
visitor by its direct link, and downloaded once logged in."""

import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.urls import reverse
from playwright.sync_api import expect

from demo.loader import read

from .conftest import check_accessibility, fill_login_form, screenshot

RESOURCES = read("toolbox")["resources"]
MEMBERS_ONLY = next(r for r in RESOURCES if r["slug"] == "compte-rendu-de-reunion-habitants")
FILE = MEMBERS_ONLY["files"][0]


def results(page):
    return page.get_by_role("region", name="Resources")


def result_titles(page):
    return results(page).get_by_role("heading", level=3).all_inner_texts()


def test_a_visitor_browses_the_toolbox_and_a_member_downloads_a_members_only_file(new_page):
    assert MEMBERS_ONLY["members"] and FILE["title"] == "Modèle de compte rendu"
    visitor = new_page(locale="en-US")
    visitor.goto("/")
    visitor.get_by_role("link", name="Open the toolbox").click()
    everything = int(results(visitor).get_by_role("status").inner_text().split()[0])

    filters = visitor.get_by_role("complementary", name="Filter")
    filters.get_by_role("checkbox", name=re.compile(r"^First circle of neighbours \(")).check()
    filters.get_by_role("checkbox", name=re.compile(r"^Template to fill in \(")).check()
    filters.get_by_role("button", name="Show resources").click()
    query = parse_qs(urlparse(visitor.url).query)
    assert query["stage"] == ["premier-cercle"] and query["type"] == ["template"]
    titles = result_titles(visitor)
    assert MEMBERS_ONLY["title"] in titles
    assert 0 < len(titles) < everything
    cards = results(visitor).get_by_role("listitem").filter(has=visitor.get_by_role("heading"))
    assert cards.count() == len(titles)
    for card in cards.all():
        expect(card).to_contain_text("Template to fill in")
        expect(card).to_contain_text("First circle of neighbours")
    check_accessibility(visitor)
    screenshot(visitor, "toolbox-facets", full_page=True)

    # The filtered list is in its address: a bookmark or a shared link shows the same list.
    shared = new_page(locale="en-US")
    shared.goto(visitor.url)
    assert result_titles(shared) == titles
    expect(
        shared.get_by_role("checkbox", name=re.compile(r"^Template to fill in \("))
    ).to_be_checked()

    # Search without accents, with the facets cleared, then narrowed by a type.
    visitor.get_by_role("link", name="Clear all").click()
    visitor.get_by_label("Search the toolbox").fill("securite sanitaire")
    visitor.get_by_role("search").get_by_role("button", name="Search").click()
    assert "La sécurité sanitaire en cuisine partagée" in result_titles(visitor)
    found = len(result_titles(visitor))
    filters = visitor.get_by_role("complementary", name="Filter")
    filters.get_by_role("checkbox", name=re.compile(r"^Video \(")).check()
    filters.get_by_role("button", name="Show resources").click()
    assert parse_qs(urlparse(visitor.url).query)["q"] == ["securite sanitaire"]
    narrowed = result_titles(visitor)
    assert "La sécurité sanitaire en cuisine partagée" in narrowed
    assert len(narrowed) <= found
    expect(visitor.get_by_label("Search the toolbox")).to_have_value("securite sanitaire")

    # A members-only resource: its title and summary, an invitation to log in, no file.
    visitor.goto("/boite-a-outils/")
    visitor.get_by_label("Search the toolbox").fill("compte rendu")
    visitor.get_by_role("search").get_by_role("button", name="Search").click()
    results(visitor).get_by_role("link", name=MEMBERS_ONLY["title"]).click()
    expect(visitor.get_by_role("heading", name="For network members")).to_be_visible()
    expect(visitor.get_by_role("link", name=re.compile("^Download"))).to_have_count(0)

    # Its stable download link, shared by a member, is refused to the visitor.
    direct = reverse("toolbox:download", args=[FILE["slug"]])
    visitor.goto(direct)
    expect(visitor).to_have_url(re.compile(r"/comptes/login/\?next="))

    visitor.go_back()
    visitor.get_by_role("link", name="Log in to read it").click()
    fill_login_form(visitor, "equipe.senlis@example.org")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(MEMBERS_ONLY["title"])
    download_link = visitor.get_by_role("link", name=f"Download “{FILE['title']}”")
    assert download_link.get_attribute("href") == direct
    with visitor.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".odt")
    with zipfile.ZipFile(Path(download.value.path())) as document:
        assert document.read("mimetype") == b"application/vnd.oasis.opendocument.text"
