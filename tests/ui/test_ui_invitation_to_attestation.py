"""Journey 2: a team lead invites a new person, who signs up through the invitation (confirming
the email), enrols in a course, completes its lessons, passes its quiz and opens the
attestation."""

import re

from django.core import mail
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from playwright.sync_api import expect

from demo.loader import course_data

from .conftest import check_accessibility, log_in, open_section, screenshot

NEWCOMER = "amina.kone@example.net"
PASSWORD = "Une-cantine-a-Bagnolet-2026"
PRIX_LIBRE = course_data("le-prix-libre")
QUIZ = PRIX_LIBRE["lessons"][-1]["body"][0]


def link_in_last_email_to(address, pattern):
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"no email to {address}"
    found = re.search(pattern, messages[-1].body)
    assert found, messages[-1].body
    return found.group(0)


def answer(quiz_region, correct):
    """Ticks, for each question of the demo quiz, the right answers or only wrong ones."""
    for number, question in enumerate(QUIZ["questions"], start=1):
        group = quiz_region.get_by_role("group", name=re.compile(rf"^{number}\. "))
        for choice_data in question["choices"]:
            text, is_right = choice_data["text"], choice_data["correct"]
            # After an attempt, the label also says "correct answer" or "wrong answer".
            choice = group.get_by_label(re.compile("^" + re.escape(text)))
            if is_right == correct:
                choice.check()
            elif question["multiple"]:
                choice.uncheck()


def progress_of(page):
    return page.get_by_role("region", name="Your progress").get_by_role(
        "progressbar", name="Your progress in this course"
    )


def test_an_invited_newcomer_signs_up_learns_and_gets_an_attestation(new_page):
    lead = new_page(locale="en-US")
    log_in(lead, "equipe.bagnolet@example.org")
    lead.get_by_role("link", name="My space").click()
    lead.get_by_role("region", name="My canteen projects").get_by_role(
        "link", name="Bagnolet"
    ).click()
    team = open_section(lead, "The team")
    team.get_by_label("Email address of the person to invite").fill(NEWCOMER)
    team.get_by_role("button", name="Send the invitation").click()
    expect(lead.get_by_text(f"Invitation sent to {NEWCOMER}")).to_be_visible()
    invitation = link_in_last_email_to(NEWCOMER, r"https?://\S+/rejoindre/\S+/")

    newcomer = new_page(locale="en-US")
    newcomer.goto(invitation)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Join the team of Bagnolet")
    check_accessibility(newcomer)
    newcomer.get_by_role("link", name="Create my account").click()
    expect(newcomer.get_by_label("Email")).to_have_value(NEWCOMER)
    newcomer.get_by_label("First name").fill("Mariam")
    newcomer.get_by_label("Last name").fill("Keita")
    newcomer.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    newcomer.get_by_label("Password (again)").fill(PASSWORD)
    newcomer.locator("main").get_by_role("button", name="Sign Up").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    confirmation = link_in_last_email_to(NEWCOMER, r"https?://\S+/comptes/confirm-email/\S+/")
    newcomer.goto(confirmation)
    newcomer.locator("main").get_by_role("button", name="Confirm").click()
    expect(newcomer.get_by_text("Welcome to the team of Bagnolet!")).to_be_visible()
    newcomer.get_by_role("link", name="My space").click()
    projects = newcomer.get_by_role("region", name="My canteen projects")
    expect(projects.get_by_role("link", name="Bagnolet")).to_be_visible()
    # The courses the whole team follows are the newcomer's too.
    expect(
        newcomer.get_by_role("region", name="My learning").get_by_role(
            "link", name="Gouvernance partagée et intelligence collective"
        )
    ).to_be_visible()

    newcomer.goto("/")
    newcomer.get_by_role("link", name="Follow the training").click()
    newcomer.get_by_role("link", name=PRIX_LIBRE["title"]).click()
    newcomer.get_by_role("button", name=re.compile("^Enrol in this course")).click()
    expect(progress_of(newcomer)).to_have_attribute("aria-valuenow", "0")
    newcomer.get_by_role("link", name=re.compile("^Start the course")).click()

    for lesson in PRIX_LIBRE["lessons"][:-1]:
        expect(newcomer.get_by_role("heading", level=1)).to_have_text(lesson["title"])
        newcomer.get_by_role("button", name="I have finished this lesson").click()
        expect(newcomer.get_by_text("You have completed this lesson.")).to_be_visible()
        newcomer.get_by_role("link", name=re.compile("^Next")).click()

    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        PRIX_LIBRE["lessons"][-1]["title"]
    )
    quiz = newcomer.get_by_role("region", name=QUIZ["title"])
    answer(quiz, correct=False)
    quiz.get_by_role("button", name="Check my answers").click()
    quiz = newcomer.get_by_role("region", name=QUIZ["title"])
    expect(quiz.get_by_role("status")).to_contain_text("Your score: 0%")
    expect(quiz.get_by_role("status")).to_contain_text("Not passed this time")
    expect(newcomer.get_by_text("You have completed this lesson.")).to_have_count(0)
    check_accessibility(newcomer)

    answer(quiz, correct=True)
    quiz.get_by_role("button", name="Try again").click()
    quiz = newcomer.get_by_role("region", name=QUIZ["title"])
    expect(quiz.get_by_role("status")).to_contain_text("Your score: 100%")
    expect(quiz.get_by_role("status")).to_contain_text("Quiz passed.")
    expect(quiz).to_contain_text("le prix libre n’est pas la gratuité")  # an explanation
    expect(newcomer.get_by_text("You have completed this lesson.")).to_be_visible()
    screenshot(newcomer, "lesson-with-quiz", full_page=True)

    newcomer.get_by_role("link", name="Back to the course").click()
    expect(progress_of(newcomer)).to_have_attribute("aria-valuenow", "100")
    expect(newcomer.get_by_role("region", name="Your progress")).to_contain_text(
        "100% · 4 of 4 lessons completed"
    )

    newcomer.get_by_role("link", name="My space").click()
    newcomer.get_by_role("link", name="All my learning").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("My learning")
    check_accessibility(newcomer)
    newcomer.get_by_role("link", name=re.compile(rf"attestation.*{PRIX_LIBRE['title']}")).click()
    attestation = newcomer.get_by_role("article")
    expect(attestation.get_by_role("heading", level=1)).to_have_text("Attestation of completion")
    expect(attestation).to_contain_text("Mariam Keita")
    expect(attestation).to_contain_text(PRIX_LIBRE["title"])
    expect(attestation).to_contain_text("1 h 30")
    with translation.override("en"):
        today = format_date(timezone.localdate(), "j F Y")
    expect(attestation).to_contain_text(f"Completed on{today}")
    check_accessibility(newcomer)
    # The attestation as a document, and its public check.
    with newcomer.expect_download() as download:
        newcomer.get_by_role("link", name="Download the attestation (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    newcomer.locator("a[href*='/attestation/verifier/']").click()
    expect(newcomer.get_by_text("is genuine")).to_be_visible()
    expect(newcomer.locator("main")).to_contain_text("Mariam Keita")
    check_accessibility(newcomer)
