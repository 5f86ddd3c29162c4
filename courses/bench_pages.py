"""Pages of the training track measured by `make bench` (see canteen_site.bench)."""

from canteen_site.bench import BenchPage


def catalogue():
    from .models import CourseCatalogPage

    return CourseCatalogPage.objects.live().get().url


def lesson():
    # A lesson with a quiz, a document and a callout, that the Bagnolet lead may open.
    from .models import LessonPage

    return LessonPage.objects.live().get(slug="decider-par-consentement").url


PAGES = [
    BenchPage("catalogue", catalogue, target=0.04),
    BenchPage("lesson", lesson, login="equipe.bagnolet@example.org", target=0.04),
]
