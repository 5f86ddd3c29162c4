"""Head office's pipeline in a real browser: moving a card without a reload, accessibility."""

from projects.models import Project, StageChange

from .conftest import check_accessibility, screenshot


def admin_log_in(page, email="siege@example.org", password="cantine-demo"):
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()


def test_moving_a_card_from_the_board_without_reloading(page):
    admin_log_in(page)
    page.goto("/admin/pipeline/?q=senlis")
    project = Project.objects.get(slug="senlis")
    card = page.locator(f"#project-{project.pk}")
    old_column = page.locator(f'section[data-stage="{card.get_attribute("data-stage")}"]')
    old_count = int(old_column.locator("[data-count]").inner_text())
    # A marker on the window disappears if the page reloads.
    page.evaluate("window.notReloaded = true")

    card.locator("[data-move]").click()
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    # The comment is required: the browser refuses the empty form, nothing is sent.
    changes = StageChange.objects.filter(project=project).count()
    dialog.locator("button[type=submit]").click()
    assert page.locator("dialog[open]").count() == 1
    assert StageChange.objects.filter(project=project).count() == changes

    next_stage = dialog.locator("select").input_value()
    dialog.locator("textarea").fill("Le premier cercle est réuni")
    dialog.locator("button[type=submit]").click()
    page.locator("dialog[open]").wait_for(state="detached")

    moved = page.locator(f"#project-{project.pk}")
    moved.wait_for()
    assert moved.get_attribute("data-stage") == next_stage
    new_column = moved.locator("xpath=ancestor::section[1]")
    assert new_column.get_attribute("data-stage") == next_stage
    assert int(old_column.locator("[data-count]").inner_text()) == old_count - 1
    assert page.evaluate("window.notReloaded") is True
    project.refresh_from_db()
    assert str(project.stage_id) == next_stage
    assert project.stage_changes.latest("changed_at", "id").comment == "Le premier cercle est réuni"
    screenshot(page, "pipeline-board-moved")


def test_pipeline_pages_are_accessible(page):
    admin_log_in(page)
    for path in ["/admin/pipeline/", "/admin/pipeline/funnel/", "/admin/pipeline/map/"]:
        page.goto(path)
        check_accessibility(page)
        # pipeline-board, pipeline-funnel, pipeline-map
        screenshot(page, "pipeline-" + path.strip("/").split("/")[-1].replace("pipeline", "board"))
