"""The pipeline board and moving a project; the base view of every pipeline page.

Every view is `head_office_required` (see access.py).
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from canteen_site.paging import paginate
from canteen_site.text import clean_text
from projects import services
from projects.models import Project

from . import board, reports
from .access import head_office_required
from .cards import CardRenderer
from .forms import MoveForm, PipelineFilterForm
from .training import training_days, training_progress

# More cards than this in one column make the board unreadable (and slow): the column then
# links to itself, filtered on its stage.
CARDS_PER_COLUMN = 15
CARDS_PER_PAGE = 48


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def project_link_pattern():
    """The admin URL of a project with `0` standing for its id (reversed once per page)."""
    try:
        return reverse("canteen_projects:edit", args=[0])
    except NoReverseMatch:
        return ""


def with_id(pattern, pk):
    return pattern.replace("/0/", f"/{pk}/") if pattern else ""


def add_links(projects, back_to):
    """Each card's admin and move URLs, from patterns reversed once."""
    link = project_link_pattern()
    move = reverse("pipeline:move", args=[0])
    next_param = "?" + urlencode({"next": back_to})
    for project in projects:
        project.admin_url = with_id(link, project.pk)
        project.move_url = with_id(move, project.pk) + next_param


@method_decorator(head_office_required, name="dispatch")
class PipelineView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"
    tab = ""
    with_status_filter = True

    def get_breadcrumbs_items(self):
        items = [*super().get_breadcrumbs_items()]
        if self.tab != "board":
            items.append({"url": reverse("pipeline:board"), "label": gettext_lazy("Pipeline")})
        return [*items, {"url": "", "label": self.get_page_title()}]

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = PipelineFilterForm(
                self.request.GET or None, with_status=self.with_status_filter
            )
        return self._filter_form

    def filtered_projects(self):
        return self.get_filter_form().filter(reports.pipeline_projects())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_filter_form()
        context.update(tab=self.tab, filter_form=form, query_string=self.request.GET.urlencode())
        if form.is_bound and not form.is_valid():
            context["filter_errors"] = [
                error for errors in form.errors.values() for error in errors
            ]
        return context


class BoardView(PipelineView):
    template_name = "projects/pipeline/board.html"
    page_title = gettext_lazy("Pipeline")
    tab = "board"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        stages = reports.load_stages()
        stage_slug = clean_text(self.request.GET.get("stage", ""), 100).text
        shown_stages = stages
        if stage_slug:
            shown_stages = [stage for stage in stages if stage.slug == stage_slug]
            if not shown_stages:
                context.setdefault("filter_errors", []).append(
                    _("This stage does not exist: showing every stage.")
                )
                shown_stages = stages
        projects = self.filtered_projects()
        if len(shown_stages) == 1:
            projects = projects.filter(stage=shown_stages[0])
        page = shown_ids = None
        if len(shown_stages) == 1:
            # One stage: all its projects, a page at a time.
            page = paginate(
                self.request,
                projects.order_by("stage_entered_at", "id").values_list("id", flat=True),
                per_page=CARDS_PER_PAGE,
            )
            shown_ids = list(page.object_list)
        columns = board.plan_columns(shown_stages, projects, now, CARDS_PER_COLUMN, shown_ids)
        board.fill_columns(columns, now, training_progress, training_days)
        cards = [card for column in columns for card in column.cards]
        add_links(cards, self.request.get_full_path())
        CardRenderer().render_all(cards)
        params = self.request.GET.copy()
        params.pop("stage", None)
        context.update(
            columns=columns,
            stages=stages,
            stage_slug=stage_slug if len(shown_stages) == 1 else "",
            total=sum(column.total for column in columns),
            stalled_count=sum(column.stalled for column in columns),
            filters_without_stage=params.urlencode(),
            page=page,
        )
        return context


class MoveView(PipelineView):
    template_name = "projects/pipeline/move.html"
    tab = "board"

    @cached_property
    def project(self):
        return get_object_or_404(
            Project.objects.current().select_related("stage", "coach"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return _("Move %(project)s") % {"project": self.project.name}

    def get_form(self):
        if self.request.method == "POST":
            return MoveForm(self.request.POST, project=self.project)
        stages = services.ordered_stages()
        following = services.next_stage(self.project, stages)
        return MoveForm(
            project=self.project,
            initial={"to_stage": following, "expected_stage": self.project.stage_id},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            query_string="",  # the board link of the tabs: not this page's ?next=
            project=self.project,
            form=kwargs.get("form") or self.get_form(),
            next=safe_next(self.request, reverse("pipeline:board")),
            history=self.project.stage_changes.select_related(
                "from_stage", "to_stage", "changed_by"
            ).order_by("-changed_at", "-id")[:10],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                services.move_project(
                    self.project,
                    form.cleaned_data["to_stage"],
                    request.user,
                    form.cleaned_data["comment"],
                )
            except services.ProjectActionError as error:
                form.add_error(None, error.message)
        if not form.is_valid():
            if wants_json(request):
                return JsonResponse({"ok": False, "errors": _form_errors(form)}, status=400)
            messages.error(request, _("The project was not moved: see the form below."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        message = _("%(project)s moved to “%(stage)s”.") % {
            "project": self.project.name,
            "stage": self.project.stage.display_name,
        }
        if wants_json(request):
            return JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "stage": self.project.stage_id,
                    "card": render_card(request, self.project.pk),
                }
            )
        messages.success(request, message)
        return redirect(safe_next(request, reverse("pipeline:board")))


def _form_errors(form):
    return {field or "__all__": [str(e) for e in errors] for field, errors in form.errors.items()}


def render_card(request, project_id):
    stage_id = Project.objects.filter(pk=project_id).values_list("stage_id", flat=True).get()
    stage = next(stage for stage in reports.load_stages() if stage.pk == stage_id)
    column = board.Column(stage, ids=[project_id])
    board.fill_columns([column], timezone.now(), training_progress, training_days)
    project = column.cards[0]
    add_links([project], safe_next(request, reverse("pipeline:board")))
    return str(CardRenderer()(project))
