"""A Content-Security-Policy on every kind of page: strict enough on the public site and the
team space that an injected inline script would not run; relaxed for Wagtail's admin only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.models import LessonPage
from projects.models import Project
from toolbox.models import ToolboxIndexPage

HEADER = "Content-Security-Policy"


def directives(response):
    assert HEADER in response, f"no {HEADER} on {response.wsgi_request.path}"
    policy = {}
    for part in response[HEADER].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def assert_strict(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # Nothing is loaded from another site (lesson videos in frames excepted).
    for name, values in policy.items():
        if name != "frame-src":
            assert all(v.startswith("'") for v in values), (name, values)
    return policy


def page_url(model):
    return model.objects.live().first().url


@pytest.fixture
def user_of(demo_content):
    return lambda email: get_user_model().objects.get(email=email)


def test_public_pages_have_the_strict_policy(client, demo_content):
    for url in (
        "/",
        reverse("search") + "?q=cantine",
        page_url(ToolboxIndexPage),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("projects:start"),
        "/une-page-qui-n-existe-pas/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict(response)


def test_a_lesson_and_the_team_space_have_the_strict_policy(client, user_of):
    member = user_of("equipe.bagnolet@example.org")
    client.force_login(member)
    lesson = LessonPage.objects.live().order_by("path").first()
    for url in (lesson.url, reverse("my_space"), reverse("projects:index")):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_strict(response)
    project = Project.objects.filter(memberships__user=member).first()
    assert_strict(client.get(reverse("projects:team_space", args=[project.slug])))


def test_no_page_of_the_public_site_has_an_inline_script(client, user_of):
    """What the strict policy would block: every script of the site is a file."""
    client.force_login(user_of("equipe.bagnolet@example.org"))
    lesson = LessonPage.objects.live().order_by("path").first()
    for url in ("/", lesson.url, page_url(ToolboxIndexPage), reverse("my_space")):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url
        assert " style=" not in html, url


def test_the_admin_gets_inline_scripts_and_styles_but_nothing_from_elsewhere(client, user_of):
    client.force_login(user_of("formatrice@example.org"))
    lesson = LessonPage.objects.live().order_by("path").first()
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert "'unsafe-eval'" not in response[HEADER]
        assert "http" not in response[HEADER].replace("https:", "")
    login = client.get(reverse("wagtailadmin_login"))
    assert HEADER in login
