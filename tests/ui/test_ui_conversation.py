"""The conversation on a phone, and head office's follow-up log, in a browser: a team member
writes with an attachment, head office answers and logs the call; no page scrolls sideways and
axe-core finds no serious violation."""

import re

from playwright.sync_api import expect

from .conftest import PHONE, check_accessibility, log_in, small_pdf


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_team_member_writes_from_a_phone_and_head_office_answers(new_page, tmp_path):
    page = new_page(locale="en-US", viewport=PHONE)
    log_in(page, "equipe.bagnolet@example.org")
    page.goto("/projets/bagnolet/")
    section = page.locator("#conversation")
    expect(section.get_by_role("heading", name="Your coach")).to_be_visible()
    opening = re.compile("Read the new messages|Write a message|Open the conversation")
    section.get_by_role("link", name=opening).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conversation of")
    no_sideways_scroll(page)
    # Empty: a clear message, nothing sent.
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Write a message before sending it.")).to_be_visible()
    plan = tmp_path / "plan-cuisine.pdf"
    plan.write_bytes(small_pdf("Plan de la cuisine"))
    page.get_by_label("Your message").fill("Voici le plan de la cuisine, qu’en pensez-vous ?")
    page.get_by_label("Attach a file (optional)").set_input_files(str(plan))
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Your message has been sent.")).to_be_visible()
    expect(page.get_by_role("link", name="plan-cuisine.pdf")).to_be_visible()
    no_sideways_scroll(page)
    check_accessibility(page)

    office = new_page(locale="en-US")
    log_in(office, "siege@example.org")
    office.goto("/projets/bagnolet/")
    # The demo's two messages from the team, and this one.
    expect(office.locator("#conversation .unread-count")).to_contain_text("3 unread")
    office.locator("#conversation").get_by_role("link", name="Read the new messages").click()
    expect(office.get_by_text("qu’en pensez-vous")).to_be_visible()
    office.get_by_label("Your message").fill("Très clair, merci. Je vous appelle jeudi.")
    office.get_by_role("button", name="Send the message").click()
    expect(office.get_by_text("Je vous appelle jeudi.")).to_be_visible()

    office.goto("/projets/bagnolet/")
    log = office.locator("#follow-ups")
    log.get_by_label("Kind").select_option("call")
    log.get_by_label("Note").fill("Appel avec l’équipe sur le plan de la cuisine.")
    log.get_by_label("Next action (optional)").fill("Visiter la cuisine")
    log.get_by_label("Next action due on").fill("2030-01-15")
    log.get_by_role("button", name="Save the follow-up").click()
    expect(office.get_by_text("Follow-up saved.")).to_be_visible()
    expect(office.locator("#follow-ups")).to_contain_text("Visiter la cuisine")
    check_accessibility(office)

    page.goto("/projets/bagnolet/")
    expect(page.locator("#conversation .unread-count")).to_contain_text("1 unread")
    expect(page.locator("#follow-ups")).to_have_count(0)
    no_sideways_scroll(page)
