"""Journey: a team uploads a document; head office sends it back and writes about it in the
conversation; the team member sees the notification, reads the message, replies and uploads a new
version; head office accepts it. Each email goes out once, in its recipient's language."""

import re
from collections import Counter

from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from .conftest import check_accessibility, log_in, open_section, small_pdf

LEAD = "equipe.bagnolet@example.org"
COACH = "siege@example.org"
DOCUMENT = "Sanitary control plan"


def upload(page, name, text):
    documents = open_section(page, "Documents for this stage")
    article = documents.get_by_role("article", name=re.compile(f"^{DOCUMENT}"))
    article.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": small_pdf(text)}
    )
    article.get_by_role("button", name="Upload", exact=True).click()
    expect(
        page.get_by_role("region", name="Documents for this stage")
        .get_by_role("article", name=re.compile(f"^{DOCUMENT}"))
        .get_by_role("link", name=name)
    ).to_be_visible()


def review(page, decision, comment):
    documents = open_section(page, "Documents for this stage")
    article = documents.get_by_role("article", name=re.compile(f"^{DOCUMENT}"))
    form = article.locator("details.review-form").last
    form.locator("summary").click()
    form.get_by_label(decision).check()
    form.get_by_label("Comment").fill(comment)
    form.get_by_role("button", name="Save the review").click()


def test_a_document_sent_back_is_discussed_and_accepted(new_page):
    # The team lead reads emails in English; the coach keeps French, the default.
    get_user_model().objects.filter(email=LEAD).update(preferred_language="en")
    mail.outbox.clear()

    team = new_page(locale="en-US")
    log_in(team, LEAD)
    team.goto("/projets/bagnolet/")
    upload(team, "pms-bagnolet.pdf", "Plan de maitrise sanitaire")

    office = new_page(locale="en-US")
    log_in(office, COACH)
    office.goto("/projets/bagnolet/")
    review(office, "Ask for changes", "Il manque le plan de nettoyage.")
    article = open_section(office, "Documents for this stage").get_by_role(
        "article", name=re.compile(f"^{DOCUMENT}")
    )
    article.get_by_role("link", name="Discuss it in the conversation").last.click()
    office.get_by_label("Your message").fill(
        "Ajoutez le plan de nettoyage de la chambre froide, s’il vous plaît."
    )
    office.get_by_role("button", name="Send the message").click()
    expect(office.get_by_text("Your message has been sent.")).to_be_visible()

    team.goto("/projets/bagnolet/")
    header = team.get_by_role("link", name=re.compile(r"^\d+ new notifications?$"))
    header.click()
    notifications = team.get_by_role("region", name="Notifications")
    notifications.get_by_role("link", name=re.compile("sent back “pms-bagnolet.pdf”")).click()
    expect(team).to_have_url(re.compile("/projets/bagnolet/"))
    team.goto("/projets/bagnolet/fil/")
    expect(team.get_by_text("plan de nettoyage de la chambre froide")).to_be_visible()
    team.get_by_label("Your message").fill("C’est ajouté, merci !")
    team.get_by_role("button", name="Send the message").click()
    expect(team.get_by_text("Your message has been sent.")).to_be_visible()
    check_accessibility(team)
    team.goto("/projets/bagnolet/")
    upload(team, "pms-bagnolet-v2.pdf", "Plan de maitrise sanitaire, avec le nettoyage")

    office.goto("/projets/bagnolet/")
    review(office, "Accept", "Parfait.")
    article = open_section(office, "Documents for this stage").get_by_role(
        "article", name=re.compile(f"^{DOCUMENT}")
    )
    expect(article).to_contain_text("Accepted")

    sent = [(message.to[0], message.subject) for message in mail.outbox]
    assert all(count == 1 for count in Counter(sent).values()), "each email once"
    to_lead = [m for m in mail.outbox if m.to == [LEAD]]
    to_coach = [m for m in mail.outbox if m.to == [COACH]]
    # Sent back, the coach's message, accepted: in English; the lead's reply: in French.
    assert len(to_lead) == 3
    assert {m.extra_headers["Content-Language"] for m in to_lead} == {"en"}
    assert len(to_coach) == 1 and to_coach[0].extra_headers["Content-Language"] == "fr"
