"""On a 390 px phone no page scrolls sideways (wide tables scroll in their own frame), the team
space opens with "what to do now" and its folded sections, the toolbox folds its filters behind
one button; text and controls are sized for older eyes. axe-core checks each page."""

import re

from playwright.sync_api import expect

from .conftest import PHONE, check_accessibility, log_in

PUBLIC = [
    "/",
    "/formation/",  # the catalogue
    "/formation/le-prix-libre/le-principe/",  # a lesson
    "/boite-a-outils/",  # the toolbox
    "/boite-a-outils/garder-des-convives-varies/",  # a resource
    "/formation/journees/",  # the training days
]
TEAM = ["/projets/bagnolet/", "/projets/bagnolet/historique/", "/mon-espace/", "/projets/"]


def assert_no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def open_every_section(page):
    closed = page.locator("details[data-fold]:not([open]) > summary")
    while closed.count():
        closed.first.click()


def test_no_page_scrolls_sideways_on_a_phone(new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    for path in PUBLIC:
        page.goto(path)
        assert_no_sideways_scrolling(page)
        check_accessibility(page)
    # A session page, reached from the training days list.
    page.goto("/formation/journees/")
    page.locator("main h2 a[href*='/session/']").first.click()
    expect(page).to_have_url(re.compile(r"/session/\d+/$"))
    assert_no_sideways_scrolling(page)
    check_accessibility(page)

    log_in(page, "equipe.bagnolet@example.org")
    for path in TEAM:
        page.goto(path)
        open_every_section(page)
        assert_no_sideways_scrolling(page)
        check_accessibility(page)


def test_head_office_lists_and_history_do_not_scroll_sideways(new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    log_in(page, "siege@example.org")
    for path in ["/projets/", "/projets/roubaix-epeule/historique/", "/projets/bagnolet/"]:
        page.goto(path)
        open_every_section(page)
        assert_no_sideways_scrolling(page)
        check_accessibility(page)
    # The wide table scrolls inside its own frame, which a keyboard can reach.
    page.goto("/projets/")
    frame = page.get_by_role("region", name="Canteen projects, with their current stage")
    expect(frame).to_have_attribute("tabindex", "0")


def test_the_team_space_opens_with_what_to_do_now_and_keeps_its_sections_place(new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    log_in(page, "equipe.bagnolet@example.org")
    page.goto("/projets/bagnolet/")
    now = page.get_by_role("region", name="What to do now")
    expect(now).to_be_visible()
    steps = now.get_by_role("listitem")
    assert 1 <= steps.count() <= 3
    assert (
        now.bounding_box()["y"] < page.get_by_role("region", name="Checklist").bounding_box()["y"]
    )
    # Sections are folded; one opened stays open at the next visit (and closed when closed).
    checklist = page.get_by_role("region", name="Checklist")
    details = checklist.locator("details")
    expect(details).not_to_have_attribute("open", "")
    checklist.locator("summary").click()
    expect(details).to_have_attribute("open", "")
    page.reload()
    expect(page.get_by_role("region", name="Checklist").locator("details")).to_have_attribute(
        "open", ""
    )
    page.get_by_role("region", name="Checklist").locator("summary").click()
    page.reload()
    expect(page.get_by_role("region", name="Checklist").locator("details")).not_to_have_attribute(
        "open", ""
    )
    # A link into a folded section opens it.
    page.goto("/projets/bagnolet/#documents")
    expect(
        page.get_by_role("region", name="Documents for this stage").locator("details")
    ).to_have_attribute("open", "")


def test_the_toolbox_folds_its_filters_behind_one_button_on_a_phone(new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    page.goto("/boite-a-outils/")
    filters = page.get_by_role("complementary", name="Filter")
    checkbox = filters.get_by_role("checkbox", name=re.compile(r"^Template to fill in \("))
    expect(checkbox).to_be_hidden()
    filters.locator("summary").click()
    checkbox.check()
    filters.get_by_role("button", name="Show resources").click()
    expect(page).to_have_url(re.compile(r"type=template"))
    expect(page.get_by_role("complementary", name="Filter").locator("summary")).to_contain_text(
        "1 active"
    )
    assert_no_sideways_scrolling(page)


def test_text_and_controls_are_sized_for_older_eyes(new_page):
    page = new_page(locale="en-US", viewport=PHONE)
    page.goto("/boite-a-outils/")
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 17
    page.locator("details[data-fold] > summary").first.click()
    box = page.locator("input[type=checkbox]").first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    page.goto("/lancer-une-cantine/")
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('main *')]"
        ".filter(e => e.offsetParent && e.childNodes.length"
        " && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    assert smallest >= 16
    # The Wagtail admin keeps its own sizes: the site's stylesheet is not loaded there.
    page.goto("/admin/login/")
    assert page.locator("link[href*='css/site']").count() == 0
