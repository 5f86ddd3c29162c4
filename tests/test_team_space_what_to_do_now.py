"""The team space opens with "what to do now": at most three actions, one click away, derived
from the project's real state (checklist, documents, head office's answers, the course and the
training day the stage requires); the rest of the page is folded into sections."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services as course_services
from courses.ical import session_url
from courses.models import StageCourseRequirement, StageTrainingDayRequirement
from projects import services
from projects.models import ChecklistTick, Deliverable, DeliverableRequirement
from projects.uploads import check_upload
from tests.factories.courses import lessons_of, make_course, make_session, make_training_day
from tests.factories.files import demo_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def page(client, project):
    response = client.get(reverse("projects:team_space", args=[project.slug]))
    assert response.status_code == 200
    return response


def steps(response):
    return response.context["next_steps"]


def box(response):
    html = response.content.decode()
    start = html.index('id="next-steps"')
    return html[start : html.index("</section>", start)]


def upload(project, requirement, user):
    checked = check_upload(SimpleUploadedFile("doc.pdf", demo_pdf(), "application/pdf"))
    return services.upload_deliverable(project, requirement, checked, user)


def tick_required(project, user, drop_optional=True):
    """Tick the stage's required items; its optional items and documents are taken away."""
    if drop_optional:
        project.stage.checklist_items.filter(required=False).delete()
        project.stage.deliverable_requirements.filter(required=False).delete()
    for item in project.stage.checklist_items.filter(required=True):
        services.set_tick(project, item, user, True)


def test_a_new_team_is_asked_to_tick_its_required_items_in_one_click(client, project, team_member):
    client.force_login(team_member)
    response = page(client, project)
    found = steps(response)
    assert len(found) == 3
    assert {step.kind for step in found} == {"checklist"}
    first = project.stage.checklist_items.filter(required=True).order_by("sort_order", "pk").first()
    assert f"“{first.display_name}”" in found[0].label
    html = box(response)
    assert html.count("<form") == 3 and "Mark as done" in html
    # One click: the button posts the tick and comes back to the box.
    answer = client.post(found[0].post_url, found[0].post_data)
    assert answer.url.endswith("#next-steps")
    assert ChecklistTick.objects.filter(project=project, item=first).exists()
    assert all(first.display_name not in step.label for step in steps(page(client, project)))


def test_never_more_than_three_steps(client, project, team_member):
    client.force_login(team_member)
    course = make_course("Gouvernance", lessons=2)
    StageCourseRequirement.objects.create(stage=project.stage, course=course)
    assert len(steps(page(client, project))) == 3


def test_a_document_sent_back_comes_first_with_head_offices_comment(
    client, project, team_member, head_office
):
    requirement = project.stage.deliverable_requirements.first()
    deliverable = upload(project, requirement, team_member)
    services.review_deliverable(deliverable, head_office, False, "Il manque le budget.")
    client.force_login(team_member)
    first = steps(page(client, project))[0]
    assert first.kind == "deliverable"
    assert "head office asked for changes" in first.label
    assert first.detail == "Il manque le budget."
    assert first.url.endswith(f"#upload-{requirement.pk}")


def test_a_required_document_not_sent_is_a_step(client, project, team_member):
    DeliverableRequirement.objects.filter(stage=project.stage).update(required=True)
    tick_required(project, team_member)
    client.force_login(team_member)
    (step,) = steps(page(client, project))
    requirement = project.stage.deliverable_requirements.first()
    assert step.label == f"Upload “{requirement.display_name}”"
    assert step.url.endswith(f"#upload-{requirement.pk}")


def test_a_returned_request_asks_the_team_to_answer_head_office(
    client, project, team_member, head_office
):
    tick_required(project, team_member)
    client.force_login(team_member)
    (step,) = steps(page(client, project))
    assert step.label.startswith("Everything required is there: ask head office")
    stage_request = services.request_next_stage(project, team_member, "Prêts !")
    assert steps(page(client, project)) == []
    services.decide_request(stage_request, head_office, False, "Venez d’abord à la visio.")
    first = steps(page(client, project))[0]
    assert first.label == "Head office sent your request back: read why and answer"
    assert first.detail == "Venez d’abord à la visio."
    assert first.url.endswith("#next-stage")


def test_head_office_sees_what_waits_for_it_not_the_teams_ticks(
    client, project, team_member, head_office
):
    requirement = project.stage.deliverable_requirements.first()
    upload(project, requirement, team_member)
    client.force_login(head_office)
    found = steps(page(client, project))
    assert [step.kind for step in found] == ["review"]
    assert found[0].url.endswith(f"#document-{requirement.pk}")
    tick_required(project, team_member, drop_optional=False)
    Deliverable.objects.update(review_status=Deliverable.Review.ACCEPTED)
    services.request_next_stage(project, team_member)
    assert [step.kind for step in steps(page(client, project))] == ["request"]


def test_the_course_the_stage_requires_opens_at_the_members_next_lesson(
    client, project, team_member
):
    tick_required(project, team_member)
    course = make_course("Gouvernance", lessons=2)
    StageCourseRequirement.objects.create(stage=project.stage, course=course)
    first, second = lessons_of(course)
    client.force_login(team_member)
    (step,) = steps(page(client, project))
    assert step.kind == "course"
    assert step.label == "Finish the course “Gouvernance”: the stage requires it"
    assert step.url == first.url and step.link_label == f"Next lesson: {first.title}"
    course_services.enrol(team_member, course)
    course_services.complete_lesson(team_member, first)
    (step,) = steps(page(client, project))
    assert step.url == second.url
    course_services.complete_lesson(team_member, second)
    (step,) = steps(page(client, project))
    assert step.kind == "request"  # the course is done: ask for the next stage


def test_the_training_day_the_stage_needs_links_to_its_next_session(client, project, team_member):
    tick_required(project, team_member)
    day = make_training_day(stages=[project.stage])
    StageTrainingDayRequirement.objects.create(stage=project.stage, day=day)
    session = make_session(day, days_ahead=10)
    client.force_login(team_member)
    (step,) = steps(page(client, project))
    assert step.kind == "training_day"
    assert step.label == f"Sign up for the training day “{day.title}”: the stage needs it"
    assert step.url == session_url(session)


def test_a_training_day_serving_the_stage_is_suggested(client, project, team_member):
    tick_required(project, team_member)
    day = make_training_day(stages=[project.stage])
    make_session(day, days_ahead=10)
    client.force_login(team_member)
    kinds = [step.kind for step in steps(page(client, project))]
    assert kinds == ["request", "training_day"]


def test_query_count_does_not_grow_with_required_courses(client, project, team_member):
    tick_required(project, team_member)
    client.force_login(team_member)

    def count():
        page(client, project)
        with CaptureQueriesContext(connection) as queries:
            page(client, project)
        return [query["sql"] for query in queries.captured_queries]

    day = make_training_day(stages=[project.stage])
    StageTrainingDayRequirement.objects.create(stage=project.stage, day=day)
    make_session(day, days_ahead=10)
    course = make_course("Cours 0", lessons=2)
    StageCourseRequirement.objects.create(stage=project.stage, course=course)
    course_services.enrol(team_member, course)
    course_services.complete_lesson(team_member, lessons_of(course)[0])
    small = count()
    for number in range(1, 6):
        course = make_course(f"Cours {number}", lessons=3)
        StageCourseRequirement.objects.create(stage=project.stage, course=course)
        course_services.enrol(team_member, course)
        course_services.complete_lesson(team_member, lessons_of(course)[0])
    large = count()
    assert len(large) == len(small), "\n".join(large)


def test_the_rest_of_the_page_is_folded_into_sections_without_inline_script(
    client, project, team_member
):
    make_course("Gouvernance", lessons=1, stages=[project.stage])
    client.force_login(team_member)
    html = page(client, project).content.decode()
    folds = re.findall(r'<details data-fold="([^"]+)"', html)
    assert folds[:4] == ["stage", "checklist", "documents", "next-stage"]
    assert {"team-learning", "team-days", "team", "timeline"} <= set(folds)
    assert '<summary><h2 id="section-team-learning-heading">Training of the team</h2>' in html
    assert html.index('id="next-steps"') < html.index('data-fold="stage"')
    assert re.search(r'<script src="[^"]*js/folds\.js"', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_mark_as_not_done_is_a_quiet_action(client, project, team_member):
    item = project.stage.checklist_items.first()
    services.set_tick(project, item, team_member, True)
    client.force_login(team_member)
    html = page(client, project).content.decode()
    assert re.search(
        r'<button type="submit" class="link-button checklist-undo">Mark as not done', html
    )
    assert re.search(r'<button type="submit" class="button button-small">Mark as done', html)
