from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="projects_join_after_login")
def join_after_login(sender, request, user, **kwargs):
    """A person who followed an invitation link, then signed up or logged in, joins now."""
    from .views.invitations import join_pending_invitation

    if request is not None and hasattr(request, "session"):
        join_pending_invitation(request, user)
