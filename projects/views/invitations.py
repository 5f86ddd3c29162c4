"""Invitations: the lead invites teammates by email; the link lets them join."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import emails, services
from ..forms import InvitationForm
from ..models import Invitation
from .actions import form_errors, team_action

SESSION_KEY = "projects_invitation_token"


@team_action("can_invite", anchor="team")
def invite(request, project):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        raise services.ProjectActionError(form_errors(form))
    with transaction.atomic():
        invitation, token = services.create_invitation(
            project, form.cleaned_data["email"], request.user
        )
        emails.send_invitation(request, invitation, token)
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})


@team_action("can_invite", anchor="team")
def revoke(request, project, invitation_id):
    invitation = get_object_or_404(Invitation, pk=invitation_id, project=project)
    services.revoke_invitation(invitation, request.user)
    messages.success(
        request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
    )


@never_cache
def accept(request, token):
    """The link from the invitation email.

    Logged in: a button joins the team. Anonymous: the token waits in the session while the
    person signs up (email pre-filled) or logs in; `signals.join_after_login` completes it.
    """
    invitation = services.find_invitation(token)
    user = request.user if request.user.is_authenticated else None
    problem = services.invitation_problem(invitation, user)
    if problem:
        request.session.pop(SESSION_KEY, None)
        status = 404 if invitation is None else 403 if user and invitation.is_usable else 410
        return render(
            request, "projects/invitation_invalid.html", {"problem": problem}, status=status
        )
    if user is None:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        request.session[SESSION_KEY] = token
        return render(
            request,
            "projects/invitation.html",
            {"invitation": invitation, "project": invitation.project},
        )
    if request.method == "POST":
        try:
            membership = services.accept_invitation(token, user)
        except services.ProjectActionError as error:
            messages.error(request, error.message)
            return redirect("my_space")
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            _("Welcome to the team of %(name)s!") % {"name": membership.project.name},
        )
        return redirect("projects:team_space", slug=membership.project.slug)
    return render(
        request,
        "projects/invitation.html",
        {"invitation": invitation, "project": invitation.project},
    )


def join_pending_invitation(request, user):
    """After a login: accept the invitation whose link this browser followed, if any."""
    token = request.session.pop(SESSION_KEY, None)
    if not token:
        return None
    try:
        membership = services.accept_invitation(token, user)
    except services.ProjectActionError as error:
        messages.warning(request, error.message, fail_silently=True)
        return None
    messages.success(
        request,
        _("Welcome to the team of %(name)s!") % {"name": membership.project.name},
        fail_silently=True,
    )
    return membership
