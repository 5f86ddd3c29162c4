"""Cached HTML with forms: a placeholder stands for the CSRF token, which is personal.

A page that shows cached fragments calls `put_csrf_token` on its response, which writes the
visitor's own token where the placeholder is.
"""

from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "csrf-placeholder-3c9e1d7a"


def put_csrf_token(request, response):
    response.content = response.content.replace(
        CSRF_PLACEHOLDER.encode(), get_token(request).encode()
    )
    return response
