"""Journey 3: a trainer adds a lesson (rich text, a callout and a quiz) to a course in the
Wagtail page editor and publishes it; a team member finds it in the course and passes its quiz."""

import re

from playwright.sync_api import expect

from .conftest import admin_log_in, check_accessibility, log_in

COURSE = "Le plan de maîtrise sanitaire"
LESSON = "Nettoyer la cuisine après le service"


def add_block(content, page, kind):
    """Appends a block to a StreamField through Wagtail's block chooser."""
    content.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    return content.get_by_role("region", name=re.compile(f"^{kind}")).last


def test_a_trainer_publishes_a_lesson_that_a_team_member_follows(new_page):
    trainer = new_page(locale="en-US")
    admin_log_in(trainer, "formatrice@example.org")
    trainer.get_by_role("button", name="Pages").click()
    explorer = trainer.get_by_role("dialog", name="Page explorer")
    explorer.get_by_role("link", name="View child pages of 'Formation'").click()
    explorer.get_by_role("link", name=COURSE, exact=True).click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text(f"Exploring: {COURSE}")
    trainer.get_by_role("link", name="Add child page").first.click()
    expect(trainer.get_by_role("heading", level=1)).to_have_text("New: Lesson")

    trainer.get_by_role("textbox", name="Title*").fill(LESSON)
    trainer.get_by_role("textbox", name="Summary").fill("Le plan de nettoyage, pas à pas.")
    content = trainer.get_by_role("region", name="Content", exact=True)

    # Rich text in Draftail, with a bold passage typed through its keyboard shortcut.
    rich_text = add_block(content, trainer, "Rich text")
    rich_text.get_by_role("textbox").click()
    trainer.keyboard.type("Après chaque service, on nettoie ")
    trainer.keyboard.press("Control+b")
    trainer.keyboard.type("du plus propre au plus sale")
    trainer.keyboard.press("Control+b")
    trainer.keyboard.type(".")

    callout = add_block(content, trainer, "Callout")
    callout.get_by_label("kind*").select_option(label="At the canteen")
    callout.get_by_role("textbox", name="title").fill("À Lille")
    callout.get_by_role("textbox").last.click()
    trainer.keyboard.type("Une fiche plastifiée au mur rappelle l'ordre du nettoyage.")

    quiz = add_block(content, trainer, "Quiz")
    quiz.get_by_role("textbox", name="title*").fill("Le nettoyage")
    question = quiz.get_by_role("region", name=re.compile("^Question"))
    question.get_by_role("textbox", name="question*").fill("Par où commence-t-on ?")
    answers = question.get_by_role("region", name=re.compile("^Answer"))
    # The answers' own "Add" button exists once their list is drawn (the editor draws it late).
    expect(answers).to_have_count(1)
    answers.last.get_by_role("textbox", name="answer*").wait_for()
    question.get_by_role("button", name="Add").last.click()
    expect(answers).to_have_count(2)
    answers.nth(0).get_by_role("textbox", name="answer*").fill("Par le plus sale")
    answers.nth(1).get_by_role("textbox", name="answer*").fill("Par le plus propre")
    answers.nth(1).get_by_role("checkbox", name="correct").check()

    trainer.get_by_role("button", name="More actions").click()
    trainer.get_by_role("button", name="Publish", exact=True).click()
    # The editor may have saved a draft on its own first: then Wagtail says "has been published".
    published = re.compile(
        rf"Page '{re.escape(LESSON)}' (created and published|has been published)\."
    )
    expect(trainer.get_by_text(published)).to_be_visible()

    member = new_page(locale="en-US")
    log_in(member, "equipe.bagnolet@example.org")
    member.get_by_role("link", name="My space").click()
    member.get_by_role("region", name="My learning").get_by_role("link", name=COURSE).click()
    lessons = member.get_by_role("region", name="Lessons")
    expect(lessons.get_by_role("listitem").last).to_contain_text(LESSON)
    lessons.get_by_role("link", name=LESSON).click()

    lesson = member.get_by_role("article")
    expect(lesson.get_by_role("heading", level=1)).to_have_text(LESSON)
    expect(lesson).to_contain_text("Après chaque service, on nettoie du plus propre au plus sale.")
    # Wagtail stores bold text as <b>.
    expect(lesson.locator("b, strong", has_text="du plus propre au plus sale")).to_be_visible()
    expect(lesson.get_by_role("complementary", name="At the canteen")).to_contain_text(
        "Une fiche plastifiée au mur"
    )
    check_accessibility(member)

    quiz = lesson.get_by_role("region", name="Le nettoyage")
    quiz.get_by_label("Par le plus propre").check()
    quiz.get_by_role("button", name="Check my answers").click()
    expect(member.get_by_role("region", name="Le nettoyage").get_by_role("status")).to_contain_text(
        "Quiz passed."
    )
    expect(member.get_by_text("You have completed this lesson.")).to_be_visible()
