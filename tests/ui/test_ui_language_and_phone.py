"""Journey 6: the language switcher, and a phone that reaches every menu entry."""

from .conftest import PHONE, check_accessibility, screenshot


def test_language_switcher_turns_the_site_to_english_and_back(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Aller au contenu").count() == 1


def test_phone_reaches_every_menu_entry(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/")
    entries = page.locator("header nav a, header nav button")
    assert entries.count() >= 4
    for index in range(entries.count()):
        entry = entries.nth(index)
        entry.scroll_into_view_if_needed()
        assert entry.is_visible(), entry.inner_text()
        box = entry.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, entry.inner_text()
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "home-phone")


def test_home_page_is_accessible(page):
    page.goto("/")
    check_accessibility(page)
    screenshot(page, "home")
