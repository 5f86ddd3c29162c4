"""Who is who: a profile shows the town, the stage or the opening date, what the team wrote and
only the people who agreed; the directory filters by region, stage and "can help with"; the map
counts the listed teams, with its table; two saves at once do not overwrite each other; the
directory and a profile cost the same number of queries with 2 or 40 teams."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from canteen_site import roles
from projects import network, services
from projects.models import Membership, NetworkProfile, Project, Stage
from tests.factories.network import make_open_canteen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def stage_key(stage):
    return f"stage:{stage.slug}"


def test_a_profile_shows_only_the_people_who_agreed(client, project, team_member, make_user):
    shy = make_user("discrete@test.org", roles.TEAM_MEMBER, first_name="Discrète")
    shy.phone = "06 11 22 33 44"
    shy.save()
    services.add_member(project, shy)
    team_member.first_name, team_member.phone = "Karim", "06 99 88 77 66"
    team_member.save()
    membership = Membership.objects.get(project=project, user=team_member)
    network.set_consent(membership, contact=True, phone=False, mentoring=False)

    client.force_login(team_member)
    html = client.get(reverse("projects:profile", args=[project.slug])).content.decode()
    assert "Karim" in html and team_member.email in html
    assert "06 99 88 77 66" not in html  # no consent for the phone
    assert "discrete@test.org" not in html and "06 11 22 33 44" not in html

    network.set_consent(membership, contact=True, phone=True, mentoring=True)
    html = client.get(reverse("projects:profile", args=[project.slug])).content.decode()
    assert "06 99 88 77 66" in html and "agreed to mentor" in html

    # Withdrawn: gone at once. The phone never shows without the rest.
    network.set_consent(membership, contact=False, phone=True, mentoring=True)
    membership.refresh_from_db()
    assert not membership.network_phone
    html = client.get(reverse("projects:profile", args=[project.slug])).content.decode()
    assert team_member.email not in html


def test_each_person_gives_their_own_consent_nobody_else(client, project, team_member, make_user):
    colleague = make_user("collegue@test.org", roles.TEAM_MEMBER)
    services.add_member(project, colleague)
    client.force_login(team_member)
    url = reverse("projects:edit_profile", args=[project.slug])
    response = client.post(url, {"save_consent": "1", "consent-network_contact": "on"})
    assert response.status_code == 302
    assert Membership.objects.get(user=team_member).network_contact
    assert not Membership.objects.get(user=colleague).network_contact


def test_the_team_writes_its_presentation_and_topics(client, project, team_member):
    stage = Stage.objects.order_by("position")[1]
    client.force_login(team_member)
    url = reverse("projects:edit_profile", args=[project.slug])
    response = client.post(
        url,
        {
            "save_profile": "1",
            "profile-presentation": "Une équipe de voisines motivées.",
            "profile-topics": [stage_key(stage)],
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("projects:profile", args=[project.slug])).content.decode()
    assert "Une équipe de voisines motivées." in html
    assert stage.display_name in html
    # An unknown topic or a control character: refused, nothing changed.
    for data in (
        {"profile-topics": ["theme:n-existe-pas"]},
        {"profile-presentation": "Texte\x00piégé"},
    ):
        response = client.post(url, {"save_profile": "1", **data})
        assert response.status_code == 400
    assert NetworkProfile.objects.get(project=project).presentation == (
        "Une équipe de voisines motivées."
    )


def test_a_second_save_from_an_old_form_is_refused(client, project, team_member):
    url = reverse("projects:edit_profile", args=[project.slug])
    client.force_login(team_member)
    network.update_profile(project, team_member, "Première version", [])
    old_version = client.get(url).context["profile_form"].initial["version"]
    network.update_profile(project, team_member, "Version d’une collègue", [])
    response = client.post(
        url,
        {
            "save_profile": "1",
            "profile-presentation": "Version écrasante",
            "profile-version": old_version,
        },
    )
    assert response.status_code == 409
    assert "Someone else saved this profile" in response.content.decode()
    assert NetworkProfile.objects.get(project=project).presentation == "Version d’une collègue"


def test_the_directory_filters_by_region_stage_and_help(client, project, team_member, make_user):
    canteen = make_open_canteen(region="BRE", name="Rennes Nord", slug="rennes-nord")
    second = Stage.objects.order_by("position")[1]
    network.update_profile(canteen, None, "", [stage_key(second)])
    Project.objects.filter(pk=project.pk).update(region="IDF")
    lead = Project.objects.create(
        name="Demande Lyon", slug="demande-lyon", city="Lyon", stage=project.stage, status="lead"
    )
    client.force_login(team_member)
    url = reverse("projects:directory")

    def names(query=""):
        response = client.get(url + query)
        assert response.status_code == 200
        return {item.name for item in response.context["projects"]}

    assert names() == {"Cantine Test", "Rennes Nord"}  # a lead is not listed
    assert lead.name not in names()
    assert names("?region=BRE") == {"Rennes Nord"}
    assert names("?stage=ouvertes") == {"Rennes Nord"}
    assert names(f"?stage={project.stage.slug}") == {"Cantine Test"}
    assert names(f"?help={stage_key(second)}") == {"Rennes Nord"}
    # An unknown filter: a message, every team.
    response = client.get(url + "?region=XXX")
    assert response.status_code == 200
    assert len(response.context["projects"]) == 2


def test_the_map_counts_listed_teams_and_links_to_the_directory(client, project, team_member):
    make_open_canteen(region="BRE", name="Rennes Nord", slug="rennes-nord")
    Project.objects.filter(pk=project.pk).update(region="BRE")
    client.force_login(team_member)
    response = client.get(reverse("projects:network_map"))
    html = response.content.decode()
    bretagne = next(row for row in response.context["map"]["table"] if row.code == "BRE")
    assert (bretagne.open, bretagne.under_way) == (1, 1)
    assert '<table class="network-table"' in html
    assert reverse("projects:directory") + "?region=BRE" in html
    table = html.split('id="map-table"')[1].split("</table>")[0]
    row = table.split("Bretagne</a></th>")[1].split("</tr>")[0]
    assert [cell.strip() for cell in row.replace("</td>", "").split("<td>")[1:]] == ["1", "1"]


def test_archived_and_abandoned_projects_have_no_profile(client, project, team_member):
    Project.objects.filter(pk=project.pk).update(archived_at=timezone.now())
    client.force_login(team_member)
    # Still a member of a team? No: an archived team makes nobody a network member.
    assert client.get(reverse("projects:profile", args=[project.slug])).status_code == 404


# Query counts


def many_teams(count, make_user, prefix):
    stages = list(Stage.objects.order_by("position"))
    keys = [stage_key(stage) for stage in stages[:3]]
    for number in range(count):
        project = Project.objects.create(
            name=f"Équipe {prefix}{number:03}",
            slug=f"equipe-{prefix}{number:03}",
            city="Ville",
            region="OCC",
            stage=stages[number % len(stages)],
            status="open" if number % 3 == 0 else "active",
            opened_on=timezone.localdate() - timedelta(days=number),
        )
        network.update_profile(project, None, f"Présentation {number}", keys)
        for person in range(2):
            user = make_user(f"p{prefix}{number}-{person}@test.org")
            membership, _created = services.add_member(project, user)
            network.set_consent(membership, contact=True, phone=True, mentoring=bool(person))


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_directory_and_profile_queries_do_not_grow_with_the_data(
    client, project, team_member, make_user
):
    client.force_login(team_member)
    membership = Membership.objects.get(user=team_member)
    network.set_consent(membership, contact=True, phone=True, mentoring=True)
    network.update_profile(project, team_member, "Nous", [stage_key(project.stage)])
    urls = [
        reverse("projects:directory"),
        reverse("projects:directory") + "?region=OCC&help=" + stage_key(project.stage),
        reverse("projects:network_map"),
        reverse("projects:profile", args=[project.slug]),
    ]
    many_teams(2, make_user, "a")
    small = [count_queries(client, url) for url in urls]
    many_teams(40, make_user, "b")
    for number in range(12):  # a large team, everyone shown
        user = make_user(f"voisin{number}@test.org", phone="06 00 00 00 00")
        membership, _created = services.add_member(project, user)
        network.set_consent(membership, contact=True, phone=True, mentoring=True)
    large = [count_queries(client, url) for url in urls]
    assert small == large
    directory = client.get(reverse("projects:directory")).context
    assert directory["page"].paginator.count == 43


def test_the_directory_reads_the_help_topics_once(client, project, team_member):
    """The filter's "can help with" list and the teams' topics come from one reading of the
    topics (a query per provider), not one each."""
    client.force_login(team_member)
    network.update_profile(project, team_member, "Nous", [stage_key(project.stage)])
    client.get(reverse("projects:directory"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:directory"))
    assert response.status_code == 200
    # The toolbox's themes (a provider of topics), read once.
    themes = [q for q in queries if 'FROM "taggit_tag"' in q["sql"]]
    assert len(themes) == 1
    # The stages: the stage filter, and the stages as topics.
    stages = [q for q in queries if 'FROM "projects_stage"' in q["sql"]]
    assert len(stages) == 2
    assert (stage_key(project.stage), project.stage.display_name) in [
        (key, label) for key, label in response.context["projects"][0].topics
    ]
