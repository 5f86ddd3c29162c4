"""The single access rule of the pipeline: holders of `projects.view_pipeline` (head office)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from projects.access import VIEW_PIPELINE


def can_see_pipeline(user):
    return user.has_perm(VIEW_PIPELINE)


def head_office_required(view):
    """Wagtail sends anonymous visitors to its login page; others must see the pipeline."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_see_pipeline(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
