"""PostgreSQL: the site search finds its pages from the search index by an index
(canteen_site.search.index_object_ids)."""

from django.db import migrations

from canteen_site.search import index_object_ids


class Migration(migrations.Migration):
    dependencies = [("canteen_site", "0005_menu_index")]

    operations = [index_object_ids("wagtailcore_page", "id")]
