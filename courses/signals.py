"""Holders of `courses.edit_catalogue` (trainers) write under every course catalogue.

The catalogues that existed when migrating got the page permissions from courses migration
0002; a catalogue created afterwards (by the demo loader or in the admin) gets them here.
"""

from canteen_site.permissions import grant_on_creation

from .models import EDIT_CATALOGUE, CourseCatalogPage

grant_on_creation(CourseCatalogPage, EDIT_CATALOGUE)
