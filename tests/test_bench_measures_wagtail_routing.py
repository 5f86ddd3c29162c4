"""`make bench` times, for each page that Wagtail serves, Wagtail's own routing and view
restrictions beside the whole page (what the 6 % bar of issue 11 leaves to the page)."""

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from bench.pages import PAGES
from bench.run import _session_user, in_process_times
from canteen_site.models import User


def _path(name):
    page = next(page for page in PAGES if page.name == name)
    return page, page.path() if callable(page.path) else page.path


def test_routing_is_timed_for_wagtail_pages_only(demo_content, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    page, path = _path("lesson")
    client = Client()
    client.force_login(User.objects.get(email=page.login))

    whole, routing = in_process_times(client, path)
    # The routing is a part of the page: it runs inside every request for it.
    assert 0 < routing < whole

    # The site's own views have no Wagtail routing to time.
    page, path = _path("team_space")
    assert in_process_times(client, path) is None


def test_routing_runs_as_the_logged_in_user(demo_content):
    """The restrictions are checked for the page's own account, as the bench's load sees it."""
    page, _path_ = _path("lesson")
    client = Client()
    assert isinstance(_session_user(client), AnonymousUser)
    user = User.objects.get(email=page.login)
    client.force_login(user)
    assert _session_user(client) == user


def test_the_floor_of_learner_pages_is_measured_logged_in(demo_content, settings):
    """The home page for a logged-in learner: what every learner page Wagtail serves pays before
    its own content, held to the 6 % bar."""
    settings.ALLOWED_HOSTS = ["testserver"]
    page, path = _path("home_learner")
    visitor_page, visitor_path = _path("home")
    assert path == visitor_path and page.login and not visitor_page.login
    assert page.target == 0.06
    client = Client()
    client.force_login(User.objects.get(email=page.login))
    response = client.get(path)
    assert response.status_code == 200 and response.context["user"].email == page.login
    whole, routing = in_process_times(client, path)
    assert 0 < routing < whole
