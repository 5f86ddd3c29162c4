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
