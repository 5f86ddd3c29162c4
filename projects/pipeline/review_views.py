"""The review queue: next-stage requests and documents waiting for head office's answer."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from canteen_site.paging import paginate
from projects import conversation, services
from projects.models import Deliverable, StageRequest

from .access import head_office_required
from .forms import DecisionForm
from .views import PipelineView, safe_next


class ReviewQueueView(PipelineView):
    template_name = "projects/pipeline/review_queue.html"
    page_title = gettext_lazy("Review queue")
    tab = "review"
    with_status_filter = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each pending item is checked against the filters as it is read in date order (no list
        # of every project's id built first).
        in_projects = Exists(self.filtered_projects().filter(pk=OuterRef("project_id")))
        deliverable_page = paginate(
            self.request,
            Deliverable.objects.filter(in_projects, review_status=Deliverable.Review.PENDING)
            .select_related("project", "requirement", "uploaded_by")
            .order_by("uploaded_at", "id"),
            param="documents_page",
        )
        deliverables = list(deliverable_page.object_list)
        for deliverable in deliverables:
            deliverable.download_url = _download_url(deliverable)
        request_page = paginate(
            self.request,
            StageRequest.objects.filter(in_projects, status=StageRequest.Status.PENDING)
            .select_related("project__stage", "stage", "requested_by")
            .order_by("requested_at", "id"),
            param="requests_page",
        )
        stage_requests = list(request_page.object_list)
        # What the team and head office said about each, in the project's conversation.
        conversation.attach_discussions(deliverables, stage_requests)
        context.update(
            deliverables=deliverables,
            stage_requests=stage_requests,
            deliverable_page=deliverable_page,
            request_page=request_page,
        )
        return context


def _download_url(deliverable):
    """The team space's permission-checked download (head office may use it)."""
    try:
        return reverse("projects:download", args=[deliverable.project.slug, deliverable.pk])
    except NoReverseMatch:
        return ""


@head_office_required
@require_POST
def decide_stage_request(request, pk):
    stage_request = (
        StageRequest.objects.filter(pk=pk, project__archived_at__isnull=True)
        .select_related("project", "stage")
        .first()
    )
    if stage_request is None:
        raise Http404
    form = DecisionForm(request.POST, comment_always_required=True)
    return _decide(
        request,
        form,
        lambda: services.decide_request(
            stage_request, request.user, form.accepted, form.cleaned_data["comment"]
        ),
        _("Answer sent to %(project)s.") % {"project": stage_request.project.name},
    )


@head_office_required
@require_POST
def review_deliverable(request, pk):
    deliverable = (
        Deliverable.objects.filter(pk=pk, project__archived_at__isnull=True)
        .select_related("project")
        .first()
    )
    if deliverable is None:
        raise Http404
    form = DecisionForm(request.POST)
    if deliverable.review_status == Deliverable.Review.SUPERSEDED:
        messages.error(request, services.superseded_message())
        return redirect(safe_next(request, reverse("pipeline:review")))
    if deliverable.review_status != Deliverable.Review.PENDING:
        messages.error(request, _("This document has already been reviewed."))
        return redirect(safe_next(request, reverse("pipeline:review")))
    return _decide(
        request,
        form,
        lambda: services.review_deliverable(
            deliverable, request.user, form.accepted, form.cleaned_data["comment"]
        ),
        _("Review of “%(name)s” saved.") % {"name": deliverable.original_name},
    )


def _decide(request, form, action, success):
    target = safe_next(request, reverse("pipeline:review"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    try:
        action()
    except services.ProjectActionError as error:
        messages.error(request, error.message)
        return redirect(target)
    messages.success(request, success)
    return redirect(target)
