"""Pages of the site shell measured by `make bench` (see canteen_site.bench)."""

from .bench import BenchPage

PAGES = [
    BenchPage("home", "/", target=0.08),
    BenchPage("search", "/recherche/?q=cantine", target=0.04),
]
