"""Toolbox pages measured by `make bench` (see canteen_site.bench)."""

from canteen_site.bench import BenchPage


def _index_url():
    from toolbox.models import ToolboxIndexPage

    return ToolboxIndexPage.objects.live().first().url


def facets_path():
    return f"{_index_url()}?stage=financement-modele&type=template"


def search_path():
    return f"{_index_url()}?q=securite+sanitaire"


PAGES = [
    BenchPage("toolbox_facets", facets_path, target=0.04),
    BenchPage("toolbox_search", search_path, target=0.04),
]
