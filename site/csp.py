"""The Content-Security-Policy of every page (django-csp).

The public site and the team space get the strict policy of `CONTENT_SECURITY_POLICY` in the
settings: scripts, styles, images and fonts from the site itself only, no inline script, no
inline style, no `eval`, so that a script injected into a page would not run. Videos embedded in
lessons (PeerTube, Vimeo, YouTube) are the only frames from elsewhere.

Wagtail's admin runs inline scripts and styles of its own: under its prefix the policy is relaxed
for those two (and for the `data:` and `blob:` images its editors use), nothing else; it still
loads nothing from another site (but uploaded images from the object store, `MEDIA_ORIGINS`, as
the public site does). django-csp documents this way of varying the policy:
a middleware subclass extending `get_policy_parts`.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

ADMIN_RELAXED = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


def admin_prefix():
    return reverse("wagtailadmin_home")


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(admin_prefix()):
            relaxed = {
                **ADMIN_RELAXED,
                "img-src": [*ADMIN_RELAXED["img-src"], *settings.MEDIA_ORIGINS],
            }
            parts.replace = {**relaxed, **(parts.replace or {})}
        return parts
