#!/usr/bin/env python
"""Django's command-line utility.

The folder `site/` is imported as `canteen_site` (see pyproject.toml): `make run` installs it.
"""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "canteen_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
