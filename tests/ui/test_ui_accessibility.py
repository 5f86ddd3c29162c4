"""axe-core on every public page, every learner page and the team space: no serious or critical
WCAG 2.1 A/AA violation. Pages are reached by their links where their address holds an id."""

import re

from playwright.sync_api import expect

from .conftest import (
    accessibility_problems,
    check_accessibility,
    log_in,
    open_section,
    screenshot,
)

PUBLIC_PAGES = [
    "/",
    "/le-reseau/",
    "/formation/",
    "/formation/?sujet=accueil",
    "/formation/le-prix-libre/",  # a public course
    "/formation/le-prix-libre/le-principe/",  # its lesson, with a video
    "/formation/le-prix-libre/quiz-prix-libre/",  # a quiz, read without an account
    "/formation/gouvernance-partagee/",  # members only: the invitation to log in
    "/formation/gouvernance-partagee/decider-par-consentement/",
    "/boite-a-outils/",
    "/boite-a-outils/?stage=premier-cercle&type=template&sort=title",
    "/boite-a-outils/?q=securite",
    "/boite-a-outils/garder-des-convives-varies/",  # a public resource
    "/boite-a-outils/compte-rendu-de-reunion-habitants/",  # members only
    "/recherche/?q=cantine",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
    "/lancer-une-cantine/",
    "/page-qui-n-existe-pas/",  # the 404 page
]

SCREENSHOTS = {"/mon-parcours/": "my-learning", "/projets/bagnolet/": "team-space"}

LEARNER_PAGES = [
    "/mon-espace/",
    "/mon-parcours/",
    "/formation/plan-de-maitrise-sanitaire/",  # a course under way
    "/formation/plan-de-maitrise-sanitaire/temperatures-et-tracabilite/",  # lesson with a quiz
    "/formation/gouvernance-partagee/",  # a completed course
    "/boite-a-outils/compte-rendu-de-reunion-habitants/",  # its files, for members
    "/projets/",
    "/projets/bagnolet/",
    "/projets/bagnolet/historique/",
]


def test_public_pages_have_no_serious_accessibility_violation(page):
    problems = []
    for path in PUBLIC_PAGES:
        page.goto(path)
        problems += accessibility_problems(page)
        if path == "/formation/":
            screenshot(page, "catalogue", full_page=True)
    assert problems == [], "\n".join(problems)
    # A form sent with mistakes: its error messages too.
    page.goto("/lancer-une-cantine/")
    page.locator("main form").get_by_role("button").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_accessibility(page)


def test_learner_pages_and_the_team_space_have_no_serious_accessibility_violation(new_page):
    page = new_page(locale="en-US")
    log_in(page, "equipe.bagnolet@example.org")
    problems = []
    for path in LEARNER_PAGES:
        page.goto(path)
        problems += accessibility_problems(page)
        if path in SCREENSHOTS:
            screenshot(page, SCREENSHOTS[path])
    assert problems == [], "\n".join(problems)
    page.goto("/mon-espace/")
    page.get_by_role("link", name=re.compile("^attestation")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attestation of completion")
    check_accessibility(page)


def test_head_office_view_of_the_team_space_is_accessible(new_page):
    page = new_page(locale="en-US")
    log_in(page, "siege@example.org")
    page.goto("/projets/bagnolet/")
    open_section(page, "Head office")
    expect(page.get_by_role("heading", name="Move the project")).to_be_visible()
    open_section(page, "Documents for this stage")
    page.get_by_text("Review this document").first.click()
    check_accessibility(page)
