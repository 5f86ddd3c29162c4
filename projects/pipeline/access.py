"""The single access rule of the pipeline: head office only."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from canteen_site.roles import is_head_office


def can_see_pipeline(user):
    return is_head_office(user)


def head_office_required(view):
    """Wagtail sends anonymous visitors to its login page; others must be head office."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_see_pipeline(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
