"""Journey 4: head office moves a project on with a comment and the team sees it on its
timeline; the team ticks its checklist, uploads its documents and asks to move on; head office
accepts from the review queue."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import check_accessibility, log_in, open_section, small_pdf

PROJECT = "Senlis – Au Tiers Lieu"


def open_team_space(page):
    page.get_by_role("link", name="My space").click()
    page.get_by_role("region", name="My canteen projects").get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)


def current_stage(page):
    return page.get_by_role("region", name=re.compile("^Current stage:"))


def test_a_project_moves_on_from_the_team_space_to_the_review_queue(new_page):
    office = new_page(locale="en-US")
    log_in(office, "siege@example.org")
    open_team_space(office)
    expect(current_stage(office)).to_have_accessible_name(
        "Current stage: Funding and business model"
    )
    head_office = open_section(office, "Head office")
    # The next stage is offered first.
    expect(head_office.get_by_label("Move to stage").locator("option:checked")).to_have_text(
        "6. Works and fit-out"
    )
    head_office.get_by_label("Comment", exact=False).first.fill(
        "Le budget est solide et le local est signé : place aux travaux."
    )
    office.get_by_role("button", name="Move", exact=True).click()
    expect(current_stage(office)).to_have_accessible_name("Current stage: Works and fit-out")

    team = new_page(locale="en-US")
    log_in(team, "equipe.senlis@example.org")
    open_team_space(team)
    expect(current_stage(team)).to_have_accessible_name("Current stage: Works and fit-out")
    timeline = open_section(team, "What happened")
    latest = timeline.get_by_role("listitem").first
    expect(latest).to_contain_text("Stage changed")
    expect(latest).to_contain_text("place aux travaux")
    # Head office's own tools are not shown to the team.
    expect(team.get_by_role("heading", name="Move the project")).to_have_count(0)

    ready = open_section(team, "Ready for the next stage?")
    ask = ready.get_by_role("button", name="We are ready for the next stage")
    expect(ask).to_be_disabled()

    checklist = open_section(team, "Checklist")
    for item in [
        "Get quotes for the works",
        "Order the kitchen equipment",
        "Pass the safety inspection",
    ]:
        checklist.get_by_role("button", name=re.compile(rf"^Mark as done\W+{item}")).click()
        expect(
            checklist.get_by_role("button", name=re.compile(rf"^Mark as not done\W+{item}"))
        ).to_be_visible()
    expect(checklist).to_contain_text("3 of 4 items done")

    documents = open_section(team, "Documents for this stage")
    uploads = {
        "Kitchen layout": ("plan-cuisine-senlis.pdf", small_pdf("Plan de la cuisine")),
        "Sanitary control plan": ("pms-senlis.pdf", small_pdf("Plan de maitrise sanitaire")),
    }
    for requirement, (name, content) in uploads.items():
        article = documents.get_by_role("article", name=re.compile(f"^{requirement}"))
        article.get_by_label("Upload the document").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": content}
        )
        article.get_by_role("button", name="Upload", exact=True).click()
        expect(
            team.get_by_role("region", name="Documents for this stage")
            .get_by_role("article", name=re.compile(f"^{requirement}"))
            .get_by_role("link", name=name)
        ).to_be_visible()

    ready = team.get_by_role("region", name="Ready for the next stage?")
    expect(ready).not_to_contain_text("you still need")
    ready.get_by_label("A word for head office (optional)").fill(
        "Les devis sont signés et la visite de sécurité est passée."
    )
    ready.get_by_role("button", name="We are ready for the next stage").click()
    expect(team.get_by_role("region", name="Ready for the next stage?")).to_contain_text(
        "The team asked to move on to “Recruiting the canteen manager”"
    )
    check_accessibility(team)

    office.get_by_role("link", name="Administration").click()
    office.get_by_role("link", name="Pipeline", exact=True).first.click()
    office.get_by_role("navigation", name="Pipeline").get_by_role(
        "link", name="Review queue"
    ).click()
    request = office.get_by_role("listitem").filter(
        has=office.get_by_role("heading", name=re.compile("^Senlis"))
    )
    expect(request.first).to_contain_text("Les devis sont signés")
    expect(request.first).to_contain_text("Works and fit-out")
    # The documents wait for review too, and head office opens what the team sent.
    sent = office.get_by_role("link", name="plan-cuisine-senlis.pdf")
    with office.expect_download() as download:
        sent.click()
    assert download.value.suggested_filename == "plan-cuisine-senlis.pdf"
    assert Path(download.value.path()).read_bytes() == uploads["Kitchen layout"][1]

    request.first.get_by_label("Comment (required)").fill("Bravo, on passe au recrutement !")
    request.first.get_by_role("button", name="Accept").click()
    # Senlis leaves the queue; the demo's other request (Romans-sur-Isère) still waits.
    expect(
        office.get_by_role("listitem").filter(
            has=office.get_by_role("heading", name=re.compile("^Senlis"))
        )
    ).to_have_count(0)
    expect(office.get_by_role("heading", name=re.compile("^Romans-sur-Isère"))).to_be_visible()

    team.reload()
    expect(current_stage(team)).to_have_accessible_name(
        "Current stage: Recruiting the canteen manager"
    )
    latest = team.get_by_role("region", name="What happened").get_by_role("listitem").first
    expect(latest).to_contain_text("on passe au recrutement")
