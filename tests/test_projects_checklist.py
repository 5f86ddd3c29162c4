"""Ticking the checklist: who and when is recorded; forged or foreign ticks change nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import ChecklistTick, ProjectEvent, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def tick_url(project, item):
    return reverse("projects:tick", args=[project.slug, item.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_member_ticks_and_unticks_an_item(client, project, team_member, first_stage):
    item = first_stage.checklist_items.first()
    client.force_login(team_member)
    before = project.last_activity_at

    response = client.post(tick_url(project, item), {"ticked": "1"}, follow=True)
    tick = ChecklistTick.objects.get(project=project, item=item)
    assert tick.ticked_by == team_member
    assert f"Ticked: {item.name_en}" in messages_of(response)
    event = ProjectEvent.objects.get(project=project, kind=ProjectEvent.Kind.ITEM_TICKED)
    assert event.actor == team_member and event.summary == item.name  # French, as stored
    project.refresh_from_db()
    assert project.last_activity_at > before
    assert "Done by" in response.content.decode()

    client.post(tick_url(project, item), {"ticked": "0"})
    assert not ChecklistTick.objects.filter(project=project).exists()
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.ITEM_UNTICKED).count() == 1


def test_ticking_twice_records_one_tick_and_one_event(client, project, team_member, first_stage):
    item = first_stage.checklist_items.first()
    client.force_login(team_member)
    client.post(tick_url(project, item), {"ticked": "1"})
    client.post(tick_url(project, item), {"ticked": "1"})
    assert ChecklistTick.objects.filter(project=project).count() == 1
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.ITEM_TICKED).count() == 1


def test_item_of_another_stage_is_refused_with_a_message(client, project, team_member):
    other_stage = Stage.objects.get(position=3)
    item = other_stage.checklist_items.first()
    client.force_login(team_member)
    response = client.post(tick_url(project, item), {"ticked": "1"}, follow=True)
    assert "This item is not on the checklist of the current stage." in messages_of(response)
    assert not ChecklistTick.objects.exists()
    assert not ProjectEvent.objects.exists()


def test_ticking_another_projects_checklist_answers_404(
    client, project, other_project, team_member, first_stage
):
    item = first_stage.checklist_items.first()
    client.force_login(team_member)
    response = client.post(tick_url(other_project, item), {"ticked": "1"})
    assert response.status_code == 404
    assert not ChecklistTick.objects.exists()


def test_forged_values_are_refused(client, project, team_member, first_stage):
    client.force_login(team_member)
    response = client.post(reverse("projects:tick", args=[project.slug, 999999]), {"ticked": "1"})
    assert response.status_code == 404
    item = first_stage.checklist_items.first()
    response = client.post(tick_url(project, item), {"ticked": "yes please"}, follow=True)
    assert "Unknown checklist action." in messages_of(response)
    assert not ChecklistTick.objects.exists()


def test_tick_without_csrf_token_is_refused(project, team_member, first_stage):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team_member)
    item = first_stage.checklist_items.first()
    response = client.post(tick_url(project, item), {"ticked": "1"})
    assert response.status_code == 403
    assert not ChecklistTick.objects.exists()


def test_tick_form_in_the_page_carries_a_csrf_token(project, team_member, first_stage):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(team_member)
    page = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    item = first_stage.checklist_items.first()
    tick_form = page[page.index(f'action="{tick_url(project, item)}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', tick_form).group(1)
    response = client.post(
        tick_url(project, item), {"ticked": "1", "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302
    assert ChecklistTick.objects.filter(project=project, item=item).exists()
