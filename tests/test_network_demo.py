"""The demo's learning community: open canteens show people who agreed to be contacted and to
mentor, two mentoring pairs with a thread and logged visits, in French, loaded through the
services (loading twice adds nothing)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from canteen_site import roles
from demo.loader import read
from projects.access import MENTOR_PROJECT
from projects.models import Membership, Mentorship, NetworkProfile, ProfileTopic
from tests.test_french_typography import typography_faults

pytestmark = pytest.mark.django_db


def test_open_canteens_have_people_who_agreed_to_mentor(demo_content):
    volunteers = Membership.objects.filter(
        project__status="open", offers_mentoring=True, network_contact=True
    )
    assert volunteers.values("project").distinct().count() >= 3
    assert ProfileTopic.objects.filter(key__startswith="theme:").exists()
    assert ProfileTopic.objects.filter(key__startswith="stage:").exists()
    # Nobody is shown without their consent.
    assert Membership.objects.filter(network_contact=False, network_phone=True).count() == 0


def test_two_mentoring_pairs_with_a_thread_and_visits(demo_content):
    pairs = list(Mentorship.objects.current().select_related("mentor", "mentor_project"))
    assert len(pairs) == 2
    for pairing in pairs:
        assert pairing.mentor_project.status == "open"
        assert pairing.mentor.has_perm(MENTOR_PROJECT)
        assert pairing.messages.filter(from_mentor=True).exists()
        assert pairing.messages.filter(from_mentor=False).exists()
        assert pairing.visits.count() >= 2
        assert pairing.project.events.filter(kind="mentor_visit").count() == pairing.visits.count()


def test_the_demo_text_is_french_with_french_typography(demo_content):
    data = read("network")
    texts = [spec["presentation"] for spec in data["profiles"]]
    for pairing in data["pairings"]:
        texts += [pairing["note"]] + [m["text"] for m in pairing["thread"]]
        texts += [visit["note"] for visit in pairing["visits"]]
    faults = [fault for text in texts for fault in typography_faults(text)]
    assert faults == []


def test_the_demo_mentor_logs_in_and_finds_her_team(client, demo_content):
    from django.contrib.auth import get_user_model

    lucie = get_user_model().objects.get(email="lucie.nguyen@example.org")
    assert lucie.groups.filter(name=roles.MENTOR).exists()
    assert client.login(email=lucie.email, password=read("accounts")["password"])
    pairing = Mentorship.objects.get(mentor=lucie)
    html = client.get(reverse("my_space")).content.decode()
    assert reverse("projects:mentoring", args=[pairing.project.slug, pairing.pk]) in html
    space = client.get(reverse("projects:mentoring", args=[pairing.project.slug, pairing.pk]))
    assert space.status_code == 200 and space.context["access"].sees_documents
    directory = client.get(reverse("projects:directory"))
    assert directory.status_code == 200
    assert client.get(reverse("projects:profile", args=["paris-belleville"])).status_code == 200


def test_loading_again_adds_nothing(demo_content):
    before = (
        NetworkProfile.objects.count(),
        Mentorship.objects.count(),
        sum(pairing.messages.count() for pairing in Mentorship.objects.all()),
    )
    call_command("load_demo", "--allow-demo-accounts", verbosity=0)
    after = (
        NetworkProfile.objects.count(),
        Mentorship.objects.count(),
        sum(pairing.messages.count() for pairing in Mentorship.objects.all()),
    )
    assert before == after


def test_the_bench_pages_of_the_network_answer(client, demo_content):
    from django.contrib.auth import get_user_model

    from bench.pages import PAGES

    for name in ("network_directory", "mentoring"):
        page = next(page for page in PAGES if page.name == name)
        client.force_login(get_user_model().objects.get(email=page.login))
        path = page.path() if callable(page.path) else page.path
        assert client.get(path).status_code == 200, name
