"""The rules of a project's life, shared by the team views, the Wagtail admin and the demo.

Every state change runs in a transaction, writes a ProjectEvent (the timeline) and moves
`Project.last_activity_at` forward. Errors a person can fix are raised as `ProjectActionError`
with a message ready to be shown.
"""

import hashlib
import secrets
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import exit_criteria, notifications
from .access import SEE_EVERY_PROJECT
from .models import (
    ChecklistTick,
    Deliverable,
    FollowUp,
    Invitation,
    Membership,
    Message,
    Project,
    ProjectEvent,
    Stage,
    StageChange,
    StageRequest,
)

INVITATION_LIFETIME = timedelta(days=14)
SQLITE_LOCK_RETRIES = 50
Kind = ProjectEvent.Kind


class ProjectActionError(Exception):
    """A refused action, with a message for the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def record_event(project, kind, actor, summary, comment="", *, at=None):
    """Append a line to the project's timeline and mark the project as active.

    The summary is data, kept as written (French names of stages and items), shown under the
    translated label of its kind.

    Public: other apps call it (e.g. courses with kind "lesson_completed").
    """
    at = at or timezone.now()
    event = ProjectEvent.objects.create(
        project=project,
        kind=kind,
        actor=actor,
        summary=str(summary)[:300],
        comment=comment,
        created_at=at,
    )
    mark_active(project, at)
    return event


def mark_active(project, at):
    """Move the project's `last_activity_at` forward to `at` (the stalled-project rule).

    Events call it, and so do what is not on the team's timeline: messages of the
    conversation and head office's follow-ups.
    """
    # Only forwards: a back-dated event (demo, imports) never makes a project look idle.
    Project.objects.filter(pk=project.pk, last_activity_at__lt=at).update(last_activity_at=at)
    if project.last_activity_at is None or project.last_activity_at < at:
        project.last_activity_at = at


def stored_label(value, choices):
    """A choice's label for text kept in the database: in the site's language, whoever acts."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(choices(value).label)


def _refuse_if_archived(project):
    if project.archived_at is not None:
        raise ProjectActionError(_("This project is archived: nothing can change any more."))


def _lock(project):
    """The project's row, locked until the end of the transaction, with fresh values."""
    if connection.vendor == "sqlite":
        # SQLite has no row locks: writing first takes the database's write lock, so a
        # concurrent writer waits (or fails and retries, see `_serialised`) instead of
        # reading a stage that is about to change.
        Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    return Project.objects.select_for_update().get(pk=project.pk)


def _serialised(func, *args, **kwargs):
    """Run `func` in a transaction. On SQLite, a write lock held by another connection makes
    it fail at once rather than wait; the whole transaction is then retried a few times."""
    retries = SQLITE_LOCK_RETRIES if connection.vendor == "sqlite" else 0
    if connection.in_atomic_block:
        retries = 0  # an outer transaction cannot be replayed from here
    for attempt in range(retries + 1):
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except OperationalError as error:
            if attempt == retries or "locked" not in str(error):
                raise
            time.sleep(0.01 * (attempt + 1))
    return None


# Stages


def ordered_stages():
    return list(Stage.objects.order_by("position"))


def next_stage(project, stages=None):
    stages = stages if stages is not None else ordered_stages()
    later = [stage for stage in stages if stage.position > project.stage.position]
    return later[0] if later else None


def create_project(project, by=None, *, at=None):
    """Save a new project and open its history at its first stage."""
    at = at or timezone.now()
    with transaction.atomic():
        project.stage_entered_at = at
        project.last_activity_at = at
        project.save()
        StageChange.objects.create(
            project=project, from_stage=None, to_stage=project.stage, changed_at=at, changed_by=by
        )
        record_event(project, Kind.CREATED, by, project.name, at=at)
    return project


def move_project(project, to_stage, by, comment="", *, at=None):
    """Move a project to another stage; safe when two people do it at the same moment.

    The project row is locked first, so the stage recorded as `from_stage` is the one the
    project really is in, and the second mover waits for the first to finish.
    """
    locked, change = _serialised(_move, project, to_stage, by, comment, at)
    _copy_state(locked, project)
    return change


def _move(project, to_stage, by, comment, at):
    locked = _lock(project)
    _refuse_if_archived(locked)
    at = at or timezone.now()
    if locked.stage_id == to_stage.pk:
        raise ProjectActionError(
            _("The project is already in the stage “%(stage)s”.") % {"stage": to_stage.display_name}
        )
    from_stage = Stage.objects.get(pk=locked.stage_id)
    change = StageChange.objects.create(
        project=locked,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_at=at,
        changed_by=by,
        comment=comment,
    )
    locked.stage = to_stage
    locked.stage_entered_at = at
    update_fields = ["stage", "stage_entered_at", "updated_at"]
    new_status = _status_after_move(locked, to_stage)
    if new_status:
        locked.status = new_status
        update_fields.append("status")
        if new_status == Project.Status.OPEN and not locked.opened_on:
            locked.opened_on = timezone.localdate(at)
            update_fields.append("opened_on")
    locked.save(update_fields=update_fields)
    record_event(
        locked,
        Kind.STAGE_CHANGED,
        by,
        f"{from_stage.name} → {to_stage.name}",
        comment,
        at=at,
    )
    if new_status:
        record_event(
            locked, Kind.STATUS_CHANGED, by, stored_label(locked.status, Project.Status), at=at
        )
    _close_pending_request(locked, to_stage, by, comment, at)
    return locked, change


def _status_after_move(project, to_stage):
    """Leaving the first stage makes a lead active; reaching the last one opens the canteen."""
    last = Stage.objects.order_by("-position").values_list("pk", flat=True).first()
    if to_stage.pk == last and project.status != Project.Status.OPEN:
        return Project.Status.OPEN
    if project.status == Project.Status.LEAD and to_stage.position > 1:
        return Project.Status.ACTIVE
    return None


def _close_pending_request(project, to_stage, by, comment, at):
    pending = (
        StageRequest.objects.select_for_update()
        .filter(project=project, status=StageRequest.Status.PENDING)
        .select_related("stage")
        .first()
    )
    if pending is None:
        return
    reached = to_stage.position >= pending.stage.position
    pending.status = StageRequest.Status.ACCEPTED if reached else StageRequest.Status.RETURNED
    pending.decided_by = by
    pending.decided_at = at
    pending.decision_comment = comment
    pending.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    # Answered by this move (head office's "accept", or a move to any stage): the team is told.
    pending.project = project
    notifications.stage_request_decided(pending, reached)


def _copy_state(source, target):
    for field in ("stage", "stage_entered_at", "status", "opened_on", "last_activity_at"):
        setattr(target, field, getattr(source, field))


def set_status(project, status, by, comment="", *, at=None):
    """Record a status change made elsewhere (the admin form saves the row itself)."""
    record_event(
        project, Kind.STATUS_CHANGED, by, stored_label(status, Project.Status), comment, at=at
    )


def archive_project(project, by, comment=""):
    with transaction.atomic():
        locked = _lock(project)
        _refuse_if_archived(locked)
        now = timezone.now()
        locked.archived_at = now
        locked.save(update_fields=["archived_at", "updated_at"])
        Invitation.objects.filter(
            project=locked, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        record_event(locked, Kind.ARCHIVED, by, locked.name, comment, at=now)
    project.archived_at = locked.archived_at
    return project


# Checklist


def set_tick(project, item, by, ticked, *, at=None):
    """Tick or untick an item of the project's current stage. Returns True if it changed."""
    _refuse_if_archived(project)
    if item.stage_id != project.stage_id:
        raise ProjectActionError(_("This item is not on the checklist of the current stage."))
    at = at or timezone.now()
    with transaction.atomic():
        existing = ChecklistTick.objects.filter(project=project, item=item)
        if ticked:
            if existing.exists():
                return False
            try:
                with transaction.atomic():
                    ChecklistTick.objects.create(
                        project=project, item=item, ticked_by=by, ticked_at=at
                    )
            except IntegrityError:
                return False  # ticked by a teammate a moment ago
            record_event(project, Kind.ITEM_TICKED, by, item.name, at=at)
        else:
            deleted, _details = existing.delete()
            if not deleted:
                return False
            record_event(project, Kind.ITEM_UNTICKED, by, item.name, at=at)
    return True


# Deliverables


def superseded_message():
    return _("A newer version of this document has been uploaded: review that one instead.")


def upload_deliverable(project, requirement, checked_upload, by, *, at=None):
    """Store a checked upload (see `uploads.check_upload`) for a requirement of this stage.

    A newer upload supersedes the older ones of the same document still waiting for review:
    they stay in the history, marked superseded, and leave head office's review queue. Uploads
    to one project are serialised (its row is locked), so two uploads at the same moment leave
    exactly one version waiting.
    """
    _refuse_if_archived(project)
    if requirement.stage_id != project.stage_id:
        raise ProjectActionError(_("This document is not expected at the current stage."))
    deliverable = Deliverable(
        project=project,
        requirement=requirement,
        original_name=checked_upload.name,
        size=checked_upload.size,
        content_type=checked_upload.content_type,
        uploaded_by=by,
    )
    # The file is written once, before the (possibly retried) transaction.
    deliverable.file.save(checked_upload.name, checked_upload.file, save=False)
    try:
        _serialised(_record_upload, project, requirement, deliverable, by, at)
    except Exception:
        deliverable.file.delete(save=False)
        raise
    return deliverable


def _record_upload(project, requirement, deliverable, by, at):
    locked = _lock(project)
    _refuse_if_archived(locked)
    if requirement.stage_id != locked.stage_id:
        raise ProjectActionError(_("This document is not expected at the current stage."))
    # Timed once the lock is held: the upload that comes last is the newest.
    deliverable.uploaded_at = at = at or timezone.now()
    deliverable.pk = None  # a retried transaction inserts anew
    deliverable._state.adding = True
    deliverable.save()
    waiting = Deliverable.objects.filter(
        project_id=locked.pk,
        requirement=requirement,
        review_status=Deliverable.Review.PENDING,
        uploaded_at__lte=at,
    ).exclude(pk=deliverable.pk)
    replaced = list(waiting.order_by("uploaded_at", "id").values_list("original_name", flat=True))
    if replaced:
        waiting.update(review_status=Deliverable.Review.SUPERSEDED)
    comment = ""
    if replaced:
        with translation.override(settings.LANGUAGE_CODE):  # stored text: the site's language
            comment = _("Replaces the versions still waiting for review: %(names)s") % {
                "names": ", ".join(replaced)
            }
    record_event(
        project,
        Kind.DELIVERABLE_UPLOADED,
        by,
        f"{requirement.name}\u00a0: {deliverable.original_name}",
        comment,
        at=at,
    )


def review_deliverable(deliverable, by, accepted, comment="", *, at=None):
    project = deliverable.project
    _refuse_if_archived(project)
    comment = comment.strip()
    if not accepted and not comment:
        raise ProjectActionError(_("Say what needs to change, so the team knows what to do."))
    status = Deliverable.Review.ACCEPTED if accepted else Deliverable.Review.CHANGES_REQUESTED
    with transaction.atomic():
        now = at or timezone.now()
        # A superseded version is out of review for good, even if a newer upload lands while
        # this review is being written (the update waits for the upload's row lock).
        updated = (
            Deliverable.objects.filter(pk=deliverable.pk)
            .exclude(review_status=Deliverable.Review.SUPERSEDED)
            .update(review_status=status, reviewed_by=by, reviewed_at=now, review_comment=comment)
        )
        if not updated:
            if Deliverable.objects.filter(pk=deliverable.pk).exists():
                raise ProjectActionError(superseded_message())
            raise ProjectActionError(_("This document no longer exists."))
        deliverable.review_status = status
        deliverable.reviewed_by = by
        deliverable.reviewed_at = now
        deliverable.review_comment = comment
        record_event(
            project,
            Kind.DELIVERABLE_REVIEWED,
            by,
            f"{deliverable.original_name}\u00a0: {stored_label(status, Deliverable.Review)}",
            comment,
            at=now,
        )
        notifications.deliverable_reviewed(deliverable, accepted)
    return deliverable


# "We are ready for the next stage"


def unmet_criteria(project):
    return [criterion for criterion in exit_criteria.evaluate(project) if not criterion.met]


def request_next_stage(project, by, message=""):
    with transaction.atomic():
        locked = _lock(project)
        _refuse_if_archived(locked)
        if StageRequest.objects.filter(project=locked, status=StageRequest.Status.PENDING).exists():
            raise ProjectActionError(_("A request is already waiting for head office's answer."))
        target = next_stage(locked)
        if target is None:
            raise ProjectActionError(_("This is the last stage: there is no next stage."))
        unmet = unmet_criteria(locked)
        if unmet:
            raise ProjectActionError(
                _("Not yet: %(missing)s.")
                % {"missing": "; ".join(criterion.label for criterion in unmet)}
            )
        stage_request = StageRequest.objects.create(
            project=locked, stage=target, requested_by=by, message=message.strip()
        )
        record_event(
            locked,
            Kind.NEXT_STAGE_REQUESTED,
            by,
            target.name,
            message.strip(),
            at=stage_request.requested_at,
        )
    return stage_request


def decide_request(stage_request, by, accept, comment=""):
    """Head office's answer: accept (the project moves on) or send back with a comment."""
    comment = comment.strip()
    if not accept and not comment:
        raise ProjectActionError(_("Say what is missing, so the team knows what to do."))
    with transaction.atomic():
        locked_request = (
            StageRequest.objects.select_for_update()
            .select_related("stage", "project__stage")
            .get(pk=stage_request.pk)
        )
        if locked_request.status != StageRequest.Status.PENDING:
            raise ProjectActionError(_("This request has already been answered."))
        project = locked_request.project
        if accept:
            if project.stage.position >= locked_request.stage.position:
                raise ProjectActionError(_("The project has already moved past this stage."))
            # move_project closes the pending request as accepted.
            move_project(project, locked_request.stage, by, comment)
            locked_request.refresh_from_db()
        else:
            _refuse_if_archived(project)
            now = timezone.now()
            locked_request.status = StageRequest.Status.RETURNED
            locked_request.decided_by = by
            locked_request.decided_at = now
            locked_request.decision_comment = comment
            locked_request.save(
                update_fields=["status", "decided_by", "decided_at", "decision_comment"]
            )
            record_event(
                project,
                Kind.REQUEST_RETURNED,
                by,
                locked_request.stage.name,
                comment,
                at=now,
            )
            notifications.stage_request_decided(locked_request, False)
    return locked_request


# The conversation between the team and head office

MESSAGE_MAX_LENGTH = 5000


def post_message(project, author, text, *, head_office, attachment=None, about=None, at=None):
    """Add a message to the project's conversation and return it.

    `head_office`: the author writes as head office (holds `projects.review_deliverable`),
    else as a member of the team; the caller has checked that they may write here.
    `attachment`: a checked upload (`uploads.check_upload`) or None. `about`: a Deliverable or
    a StageRequest of this project the message is about, or None. Nothing is stored when the
    message is refused. Two messages posted at the same moment are both kept (plain inserts).

    Notifications: this is the one place where a new message should tell the other side
    (the team when head office writes, the coach and head office when the team writes).
    """
    _refuse_if_archived(project)
    text = (text or "").strip()
    if not text:
        raise ProjectActionError(_("Write a message before sending it."))
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ProjectActionError(
            _("This message is too long (%(length)s characters). The maximum is %(max)s.")
            % {"length": len(text), "max": MESSAGE_MAX_LENGTH}
        )
    message = Message(project=project, author=author, from_head_office=head_office, text=text)
    if isinstance(about, Deliverable):
        message.deliverable = about
    elif isinstance(about, StageRequest):
        message.stage_request = about
    elif about is not None:
        raise ProjectActionError(_("A message can only be about a document or a request."))
    if about is not None and about.project_id != project.pk:
        raise ProjectActionError(_("This document or request belongs to another project."))
    if attachment is not None:
        message.attachment_name = attachment.name
        message.attachment_size = attachment.size
        message.attachment_type = attachment.content_type
        # The file is written once, before the (possibly retried) transaction.
        message.attachment.save(attachment.name, attachment.file, save=False)
    try:
        _serialised(_record_message, project, message, at)
    except Exception:
        if message.attachment:
            message.attachment.delete(save=False)
        raise
    notifications.message_posted(message)
    return message


def _record_message(project, message, at):
    message.created_at = at = at or timezone.now()
    message.pk = None  # a retried transaction inserts anew
    message._state.adding = True
    message.save()
    mark_active(project, at)


# Head office's follow-up log


def log_follow_up(project, by, kind, happened_on, note, next_action="", next_action_due=None):
    """Record a call, meeting, visit or email with the project, and the next action planned.

    It counts as activity for the stalled-project rule, without a line on the team's timeline
    (the log is head office's own). The next action of the latest entry is the project's plan.
    """
    _refuse_if_archived(project)
    note = (note or "").strip()
    next_action = (next_action or "").strip()
    today = timezone.localdate()
    if kind not in FollowUp.Kind.values:
        raise ProjectActionError(_("Choose a kind of follow-up."))
    if happened_on is None:
        raise ProjectActionError(_("Give the date of the follow-up."))
    if happened_on > today:
        raise ProjectActionError(
            _("A follow-up records what happened: its date cannot be in the future.")
        )
    if not note:
        raise ProjectActionError(_("Write a note: what was said or done."))
    if next_action and next_action_due is None:
        raise ProjectActionError(_("Give a due date for the next action."))
    if next_action_due is not None and not next_action:
        raise ProjectActionError(_("Say what the next action is, or leave its date empty."))
    if next_action_due is not None and next_action_due < happened_on:
        raise ProjectActionError(_("The next action cannot be due before the follow-up."))
    now = timezone.now()
    if happened_on == today:
        active_at = now
    else:
        midday = datetime.combine(happened_on, datetime.min.time()) + timedelta(hours=12)
        active_at = timezone.make_aware(midday)
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            project=project,
            kind=kind,
            happened_on=happened_on,
            note=note,
            next_action=next_action,
            next_action_due=next_action_due,
            created_by=by,
            created_at=now,
        )
        mark_active(project, active_at)
    return follow_up


# Team and invitations


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def add_member(project, user, role=Membership.Role.MEMBER, by=None, *, at=None):
    """Make a user a current member of the team.

    A team member's rights come from their current Membership rows (see `access`), not from a
    group: joining a team needs no group.
    """
    at = at or timezone.now()
    membership, created = Membership.objects.get_or_create(
        project=project, user=user, defaults={"role": role, "joined_on": timezone.localdate(at)}
    )
    if not created and membership.left_on is None:
        return membership, False
    if not created:
        membership.left_on = None
        membership.joined_on = timezone.localdate(at)
        membership.save(update_fields=["left_on", "joined_on"])
    record_event(project, Kind.MEMBER_JOINED, by or user, user.display_name, at=at)
    return membership, True


def create_invitation(project, email, by):
    """Invite someone by email. Returns (invitation, token); only the token's hash is stored."""
    _refuse_if_archived(project)
    email = email.strip().lower()
    if Membership.objects.filter(
        project=project, user__email__iexact=email, left_on__isnull=True
    ).exists():
        raise ProjectActionError(_("This person is already in the team."))
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        # A new invitation replaces an older one still waiting for the same address.
        Invitation.objects.filter(
            project=project, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            project=project,
            email=email,
            token=hash_token(token),
            invited_by=by,
            created_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
        record_event(project, Kind.MEMBER_INVITED, by, email, at=now)
    return invitation, token


def revoke_invitation(invitation, by):
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ProjectActionError(_("This invitation has already been used."))
        if locked.revoked_at is not None:
            raise ProjectActionError(_("This invitation has already been revoked."))
        now = timezone.now()
        locked.revoked_at = now
        locked.save(update_fields=["revoked_at"])
        record_event(locked.project, Kind.INVITATION_REVOKED, by, locked.email, at=now)
    return locked


def find_invitation(token):
    """The invitation a link points to, or None (unknown, malformed)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("project", "invited_by")
        .filter(token=hash_token(token))
        .first()
    )


def invitation_problem(invitation, user=None):
    """Why this invitation cannot be used (by this user), or None if it can."""
    if invitation is None:
        return _("This invitation link is not valid.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.revoked_at is not None:
        return _("This invitation has been revoked.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the team lead for a new one.")
    if invitation.project.archived_at is not None:
        return _("This project is archived.")
    if user is not None and user.is_authenticated and not user_owns_email(user, invitation.email):
        return _(
            "This invitation was sent to %(email)s. Log in with that address to accept it."
        ) % {"email": invitation.email}
    return None


def user_owns_email(user, email):
    from allauth.account.models import EmailAddress

    email = email.lower()
    if user.email.lower() == email:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def accept_invitation(token, user):
    """Join the team the invitation is for. Single use: a second try is refused."""
    with transaction.atomic():
        invitation = find_invitation(token)
        if invitation is not None:
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("project")
                .get(pk=invitation.pk)
            )
        problem = invitation_problem(invitation, user)
        if problem:
            raise ProjectActionError(problem)
        now = timezone.now()
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        membership, _created = add_member(invitation.project, user, at=now)
        notifications.invitation_accepted(invitation, user)
    return membership


def pending_invitations(project):
    return (
        project.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def projects_of(user):
    """The current projects a user belongs to (head office: also those they coach)."""
    query = Q(memberships__user=user, memberships__left_on__isnull=True)
    if user.has_perm(SEE_EVERY_PROJECT):
        query |= Q(coach=user)
    return Project.objects.current().filter(query).distinct().select_related("stage")


# "Start a canteen" (public form)


def unique_project_slug(*parts):
    base = slugify(" ".join(part for part in parts if part))[:70].strip("-") or "cantine"
    taken = set(Project.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def start_canteen(data):
    """Create a lead in the first stage from the public form's cleaned data."""
    from .regions import region_for_postcode

    first = Stage.objects.order_by("position").first()
    if first is None:
        raise ProjectActionError(_("Projects cannot be created yet: no stage is defined."))
    city = data["city"].strip()
    neighbourhood = data.get("neighbourhood", "").strip()
    project = Project(
        name=f"{city} – {neighbourhood}" if neighbourhood else city,
        slug=unique_project_slug(city, neighbourhood),
        city=city,
        postcode=data["postcode"],
        region=region_for_postcode(data["postcode"]),
        neighbourhood=neighbourhood,
        description=data["message"].strip(),
        stage=first,
        status=Project.Status.LEAD,
        first_circle_size=data.get("neighbours_interested") or 0,
        contact_name=data["name"].strip(),
        contact_email=data["email"],
    )
    with transaction.atomic():
        project = create_project(project, by=None)
        notifications.new_lead(project)
    return project
