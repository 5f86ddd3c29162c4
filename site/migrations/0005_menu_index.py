"""An index for the site's menu: the live pages under the home page marked "show in menus".

Every page reads them (`site_tags.main_menu`), as the children of the home page: a depth and a
range of paths. Wagtail's index on the path alone serves the range, which holds every page of
the site (SQLite read them all; PostgreSQL read the whole table): with 3,000 toolbox resources,
1.5 ms of every request, growing with the site. This partial index holds only the pages shown
in menus, in (depth, path) order. The ORM cannot add an index to another app's table, hence the
SQL (the same on SQLite and PostgreSQL).
"""

from django.db import migrations

INDEX = "canteen_page_menu"

CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path) WHERE show_in_menus"
DROP = f"DROP INDEX IF EXISTS {INDEX}"


class Migration(migrations.Migration):
    dependencies = [("canteen_site", "0004_search_index_on_postgresql")]

    operations = [migrations.RunSQL(CREATE, DROP)]
