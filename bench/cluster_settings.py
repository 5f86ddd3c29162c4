"""Settings of the instances that `bench.cluster` starts: production's, over plain HTTP on
loopback, with static files served from the apps' folders (collectstatic with hashed, compressed
names takes about 30 s here, and static files are not what the two-instance test or the load
measure). Everything else, files in the object store included, is production's."""

import os

for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from canteen_site.settings.production import *  # noqa: E402,F403
from canteen_site.settings.production import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
