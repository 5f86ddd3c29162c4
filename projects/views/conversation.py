"""The conversation of a project between its team and head office: one page per project
(`projets/<slug>/fil/`), friendlier on a phone than a section of the long team space, and its
attachments, served from private storage like the team's documents.

Only the project's current team and head office (`projects.review_deliverable`) read or write
here; anyone else gets 404, as for a project that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import conversation, services
from ..access import get_project_for
from ..forms import MessageForm
from ..models import Deliverable, Message, StageRequest
from ..storage import private_file_response
from ..uploads import ACCEPT_ATTRIBUTE


def _project_for_conversation(request, slug):
    project = get_project_for(request, slug)
    if not project.access.can_discuss:
        raise Http404
    return project


def _about(project, value):
    """The document or request of this project a message is about ("document-<id>",
    "request-<id>"), None for none; ProjectActionError for anything else."""
    if not value:
        return None
    kind, _sep, pk = value.partition("-")
    model = {"document": Deliverable, "request": StageRequest}.get(kind)
    if model is None or not pk.isdigit():
        raise services.ProjectActionError(_("This document or request does not exist."))
    related = ("requirement",) if model is Deliverable else ("stage",)
    found = model.objects.select_related(*related).filter(pk=int(pk), project=project).first()
    if found is None:
        raise services.ProjectActionError(_("This document or request does not exist."))
    return found


def about_label(about):
    if isinstance(about, Deliverable):
        return _("About the document “%(name)s” (%(file)s)") % {
            "name": about.requirement.display_name,
            "file": about.original_name,
        }
    if isinstance(about, StageRequest):
        return _("About the request to move on to “%(stage)s”") % {
            "stage": about.stage.display_name
        }
    return ""


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def thread(request, slug):
    project = _project_for_conversation(request, slug)
    status = 200
    wanted = (request.POST if request.method == "POST" else request.GET).get("about", "")[:40]
    try:
        about = _about(project, wanted)
    except services.ProjectActionError:
        about, wanted = None, ""
    form = MessageForm(initial={"about": wanted})
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message = services.post_message(
                    project,
                    request.user,
                    form.cleaned_data["text"],
                    head_office=not project.access.is_member and project.access.head_office,
                    attachment=form.cleaned_data["attachment"],
                    about=_about(project, form.cleaned_data["about"]),
                )
            except services.ProjectActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your message has been sent."))
                url = reverse("projects:thread", args=[project.slug])
                return redirect(f"{url}#message-{message.pk}")
        status = 400
    page = conversation.thread_page(project, request.GET.get("page"))
    mark = conversation.read_mark(project, request.user)
    last_read = mark.last_read_id if mark else 0
    shown = list(page.object_list)
    for message in shown:
        message.is_new = message.pk > last_read and message.author_id != request.user.pk
        message.is_mine = message.author_id == request.user.pk
    if shown:
        conversation.mark_read(project, request.user, mark, shown[-1].pk)
    context = {
        "project": project,
        "access": project.access,
        "page": page,
        "thread_messages": shown,
        "form": form,
        "about": about,
        "about_label": about_label(about),
        "upload_accept": ACCEPT_ATTRIBUTE,
    }
    return render(request, "projects/thread.html", context, status=status)


@never_cache
@login_required
@require_GET
def attachment(request, slug, message_id):
    """A message's attachment, streamed from private storage to the team and head office."""
    project = _project_for_conversation(request, slug)
    message = get_object_or_404(Message, pk=message_id, project=project)
    if not message.attachment:
        raise Http404
    return private_file_response(
        message.attachment, message.attachment_name, message.attachment_type
    )
