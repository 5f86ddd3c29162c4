"""The team's partners and funding plan: lists, add, edit, change status, import, budget.

Only the project's current team and head office (`projects.access.partner_rights`) reach these
pages; anyone else gets 404, as for the rest of a project they cannot see. Contact details are
on these pages only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from canteen_site.spreadsheets import csv_response

from .. import partners as service
from ..access import get_project_for, partner_rights
from ..models import BudgetLine, Partner
from ..partner_forms import BudgetLineForm, ImportForm, PartnerForm, StatusForm
from ..partner_import import check_rows, column_labels, read_dataset, template_rows
from ..services import ProjectActionError


def _project(request, slug, *, keep=False):
    """The project, if the user sees its partners (and keeps them, when `keep`)."""
    project = get_project_for(request, slug)
    sees, keeps = partner_rights(request.user, project)
    if not sees or (keep and not keeps):
        raise Http404
    project.keeps_partners = keeps and not project.is_archived
    return project


def _members(project):
    return list(
        project.memberships.filter(left_on__isnull=True)
        .select_related("user")
        .order_by("role", "joined_on", "id")
    )


def _list_url(project):
    return reverse("projects:partners", args=[project.slug])


@never_cache
@login_required
@require_http_methods(["GET"])
def partner_list(request, slug):
    project = _project(request, slug)
    partners = list(project.partners.select_related("followed_by"))
    grouping = "role" if request.GET.get("by") == "role" else "status"
    return render(
        request,
        "projects/partners/list.html",
        {
            "project": project,
            "partners": partners,
            "groups": service.partners_by(partners, grouping),
            "grouping": grouping,
            "guidance": service.guidance(partners),
            "status_choices": Partner.Status.choices,
            "today": timezone.localdate(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request, slug):
    project = _project(request, slug, keep=True)
    members = _members(project)
    form = PartnerForm(request.POST or None, project=project, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            partner = service.add_partner(project, form.cleaned_data, request.user)
        except ProjectActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Partner “%(name)s” added.") % {"name": partner.name})
            return redirect(_list_url(project))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "projects/partners/form.html",
        {"project": project, "form": form, "partner": None},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, slug, partner_id):
    project = _project(request, slug)
    partner = get_object_or_404(
        Partner.objects.select_related("followed_by"), pk=partner_id, project=project
    )
    partner.project = project
    if request.method == "POST" and not project.keeps_partners:
        raise Http404
    members = _members(project)
    form = PartnerForm(request.POST or None, instance=partner, project=project, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_partner(
                partner, form.cleaned_data, form.cleaned_data.get("version"), request.user
            )
        except ProjectActionError as error:
            messages.error(request, error.message)
            partner.refresh_from_db()
            form = PartnerForm(instance=partner, project=project, members=members)
            return _edit_page(request, project, partner, form, status=409)
        messages.success(request, _("Partner “%(name)s” saved.") % {"name": partner.name})
        return redirect(_list_url(project))
    return _edit_page(request, project, partner, form, status=400 if form.is_bound else 200)


def _edit_page(request, project, partner, form, status):
    history = partner.status_changes.select_related("changed_by")
    return render(
        request,
        "projects/partners/form.html",
        {"project": project, "form": form, "partner": partner, "history": history},
        status=status,
    )


@login_required
@require_POST
def partner_status(request, slug, partner_id):
    project = _project(request, slug, keep=True)
    partner = get_object_or_404(Partner, pk=partner_id, project=project)
    partner.project = project
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses in the list."))
    else:
        try:
            service.change_status(
                partner, form.cleaned_data["status"], form.cleaned_data["version"], request.user
            )
        except ProjectActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(name)s”: %(status)s.")
                % {"name": partner.name, "status": partner.get_status_display()},
            )
    return redirect(_list_url(project) + f"#partner-{partner.pk}")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_import(request, slug):
    project = _project(request, slug, keep=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            members = _members(project)
            try:
                dataset = read_dataset(form.cleaned_data["file"])
            except ValueError as error:
                form.add_error("file", str(error))
            else:
                report = check_rows(dataset, project, members)
                if report.ok:
                    try:
                        added = service.import_partners(project, report.partners, request.user)
                    except ProjectActionError as error:
                        messages.error(request, error.message)
                    else:
                        messages.success(
                            request,
                            _("%(count)s partners imported.") % {"count": len(added)},
                        )
                        return redirect(_list_url(project))
    return render(
        request,
        "projects/partners/import.html",
        {"project": project, "form": form, "report": report, "columns": column_labels()},
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def partner_template(request, slug):
    project = _project(request, slug, keep=True)
    return csv_response(
        f"partenaires-{project.slug}.csv", column_labels(), template_rows(), streaming=False
    )


# Funding plan


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def funding_plan(request, slug):
    project = _project(request, slug)
    form = BudgetLineForm(request.POST or None) if project.keeps_partners else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                service.add_budget_line(project, form.cleaned_data, request.user)
            except ProjectActionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Budget line added."))
                return redirect(reverse("projects:funding_plan", args=[project.slug]))
    lines = list(project.budget_lines.filter(withdrawn_at__isnull=True))
    figures = service.funding(project)
    funders = list(
        project.partners.exclude(status=Partner.Status.DECLINED)
        .filter(Q(amount_asked__gt=0) | Q(amount_promised__gt=0) | Q(amount_received__gt=0))
        .order_by("name")
    )
    periods = [
        (label, [line for line in lines if line.period == value], figures.by_period.get(value, 0))
        for value, label in BudgetLine.Period.choices
    ]
    return render(
        request,
        "projects/partners/funding.html",
        {
            "project": project,
            "periods": periods,
            "figures": figures,
            "bar": service.bar_widths(figures),
            "funders": funders,
            "form": form,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def budget_line_edit(request, slug, line_id):
    project = _project(request, slug, keep=True)
    line = get_object_or_404(BudgetLine, pk=line_id, project=project)
    line.project = project
    back = reverse("projects:funding_plan", args=[project.slug])
    if line.withdrawn_at is not None:
        messages.error(request, _("This budget line was withdrawn: nothing was changed."))
        return redirect(back)
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("withdraw"):
                service.withdraw_budget_line(line, form.cleaned_data.get("version"), request.user)
                messages.success(request, _("Budget line withdrawn."))
            else:
                service.update_budget_line(
                    line, form.cleaned_data, form.cleaned_data.get("version"), request.user
                )
                messages.success(request, _("Budget line saved."))
        except ProjectActionError as error:
            messages.error(request, error.message)
            line.refresh_from_db()
            form = BudgetLineForm(instance=line)
            return render(
                request,
                "projects/partners/budget_line.html",
                {"project": project, "form": form, "line": line},
                status=409,
            )
        return redirect(back)
    return render(
        request,
        "projects/partners/budget_line.html",
        {"project": project, "form": form, "line": line},
        status=400 if form.is_bound else 200,
    )
