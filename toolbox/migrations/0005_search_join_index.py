"""PostgreSQL: the toolbox search finds its resources from the search index by an index
(canteen_site.search.index_object_ids)."""

from django.db import migrations

from canteen_site.search import index_object_ids


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0004_search_teaser")]

    operations = [index_object_ids("toolbox_resourcepage", "page_ptr_id")]
