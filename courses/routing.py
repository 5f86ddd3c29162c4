"""A quicker way to the training pages under /formation/.

Wagtail finds a page by walking the tree from the site root, two queries per level. Here the
course or lesson is looked up by its URL path in one query, then handed to Wagtail's own serve
view (view restrictions, hooks and all) as the route already found. Anything else, including
a catalogue whose slug is no longer "formation", goes through Wagtail's normal routing.
"""

from wagtail.url_routing import RouteResult

from canteen_site.page_cache import attach_site
from canteen_site.views import serve_page

from .models import CoursePage, LessonPage

PREFIX = "formation"
MODELS = {1: CoursePage, 2: LessonPage}


def serve_training_page(request, path):
    site = attach_site(request)
    components = [part for part in path.split("/") if part]
    model = MODELS.get(len(components) - 1)
    if site is not None and model is not None:
        url_path = site.root_page.url_path + "/".join(components) + "/"
        page = model.objects.live().filter(url_path=url_path).first()
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return serve_page(request, path)
