"""Journey 1: a visitor asks for a canteen in their neighbourhood; head office finds the new
project on the pipeline board."""

import re

from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from .conftest import check_accessibility, log_in


def test_a_visitor_starts_a_canteen_and_head_office_finds_it_on_the_board(new_page):
    visitor = new_page(locale="en-US")
    visitor.goto("/")
    visitor.get_by_role("link", name="Start a canteen in my neighbourhood").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Start a canteen in my neighbourhood"
    )
    check_accessibility(visitor)

    visitor.get_by_label("Your name").fill("Louise Perrin")
    visitor.get_by_label("Your email address").fill("louise.perrin@example.net")
    visitor.get_by_label("City").fill("Besançon")
    visitor.get_by_label("Postcode").fill("2500")
    visitor.get_by_label("Neighbourhood").fill("Planoise")
    visitor.get_by_label("How many neighbours are already interested?").fill("12")
    visitor.get_by_label("Your message").fill(
        "Nous sommes une douzaine de voisins à Planoise et nous cherchons comment nous lancer."
    )
    visitor.get_by_role("button", name="Send my request").click()
    # A mistyped postcode: a clear message on the field, and what was typed is kept.
    expect(visitor.get_by_role("alert")).to_contain_text("Please correct the fields")
    expect(visitor.get_by_text("Enter a French postcode")).to_be_visible()
    expect(visitor.get_by_label("City")).to_have_value("Besançon")
    assert mail.outbox == []

    visitor.get_by_label("Postcode").fill("25000")
    visitor.get_by_role("button", name="Send my request").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Thank you!")
    confirmation = [m for m in mail.outbox if "louise.perrin@example.net" in m.to]
    assert len(confirmation) == 1
    notice = [m for m in mail.outbox if settings.HEAD_OFFICE_EMAIL in m.to]
    assert len(notice) == 1 and "Besançon" in notice[0].body

    office = new_page(locale="en-US")
    log_in(office, "siege@example.org")
    office.get_by_role("link", name="Administration").click()
    office.get_by_role("link", name="Pipeline", exact=True).first.click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Pipeline")
    first_stage = office.get_by_role("region", name=re.compile("^First contact"))
    card = first_stage.get_by_role("article", name="Besançon – Planoise")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Besançon · Lead")

    # The board's own search and region filter find it, and say so in the URL.
    filters = office.get_by_role("search", name="Filter the projects")
    filters.get_by_label("Search").fill("Planoise")
    filters.get_by_label("Region").select_option(label="Bourgogne-Franche-Comté")
    filters.get_by_role("button", name="Filter").click()
    expect(office).to_have_url(re.compile(r"q=Planoise"))
    expect(office.locator("main").get_by_role("article")).to_have_count(1)
    expect(office.get_by_role("article", name="Besançon – Planoise")).to_be_visible()
