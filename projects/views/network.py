"""Who is who in the network: the directory, the map, a profile (network members only), and the
page where a team chooses what it shows and each person gives or withdraws their consent.

Anyone who is not a network member (`access.is_network_member`) gets 404 on the profiles and a
login page or 403 on the directory: nothing of a profile is public.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import help_topics, network
from ..access import EDIT_ANY_PROFILE, get_project_for, is_network_member
from ..models import Membership, NetworkProfile, Region
from ..network_forms import ConsentForm, DirectoryFilterForm, ProfileForm
from ..pipeline.map import france_map
from ..pipeline.reports import region_figures
from ..services import ProjectActionError


def _members_only(request):
    if not is_network_member(request.user):
        raise PermissionDenied


@never_cache
@login_required
@require_GET
def directory(request):
    _members_only(request)
    topic_groups = help_topics.groups()  # for the filter and the teams' topics alike
    form = DirectoryFilterForm(request.GET or None, topic_groups=topic_groups)
    if form.is_bound and not form.is_valid():
        messages.warning(request, _("This filter does not exist: showing every team."))
    page = network.directory_page(
        form.filters(), request.GET.get("page"), labels=help_topics.labels(topic_groups)
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "projects/network/directory.html",
        {
            "form": form,
            "page": page,
            "projects": page.object_list,
            "region_labels": dict(Region.choices),
            "filters_query": params.urlencode(),
        },
    )


@never_cache
@login_required
@require_GET
def network_map(request):
    """Open canteens and teams under way per region (the pipeline's offline map), with its
    table; each region links to the directory filtered on it."""
    _members_only(request)
    figures = region_figures(network.listed_projects())
    directory_url = reverse("projects:directory")
    return render(
        request,
        "projects/network/map.html",
        {
            "map": france_map(figures, directory_url, link=lambda code: f"?region={code}"),
            "unknown_region": figures.get(""),
        },
    )


@never_cache
@login_required
@require_GET
def profile(request, slug):
    if not is_network_member(request.user):
        raise Http404
    project = network.get_listed_project(slug)
    if project is None:
        raise Http404
    network.attach_topics([project])
    people = network.contact_people(project)
    can_edit = request.user.has_perm(EDIT_ANY_PROFILE) or any(
        membership.user_id == request.user.pk for membership in people
    )
    if not can_edit:
        # A member who has not agreed to be shown edits their team's profile too.
        can_edit = Membership.objects.filter(
            project=project, user=request.user, left_on__isnull=True
        ).exists()
    return render(
        request,
        "projects/network/profile.html",
        {
            "project": project,
            "profile": network.profile_of(project),
            "people": people,
            "region": network.region_label(project.region),
            "can_edit": can_edit,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request, slug):
    """The team (and head office) chooses what the profile shows; each current member gives or
    withdraws their own consent (nobody else can give it for them)."""
    project = get_project_for(request, slug)
    access = project.access
    can_edit = access.is_member or request.user.has_perm(EDIT_ANY_PROFILE)
    if not can_edit:
        raise Http404
    membership = None
    if access.is_member:
        membership = Membership.objects.get(
            project=project, user=request.user, left_on__isnull=True
        )
    current = NetworkProfile.objects.filter(project=project).first()
    profile_initial = {
        "presentation": current.presentation if current else "",
        "topics": list(current.topics.values_list("key", flat=True)) if current else [],
        "version": network.profile_version(current),
    }
    profile_form = ProfileForm(initial=profile_initial)
    consent_form = None
    if membership is not None:
        consent_form = ConsentForm(
            initial={
                "network_contact": membership.network_contact,
                "network_phone": membership.network_phone,
                "offers_mentoring": membership.offers_mentoring,
            }
        )
    status = 200
    if request.method == "POST":
        if "save_profile" in request.POST:
            profile_form = ProfileForm(request.POST)
            if profile_form.is_valid():
                data = profile_form.cleaned_data
                try:
                    network.update_profile(
                        project,
                        request.user,
                        data["presentation"],
                        data["topics"],
                        expected_version=data["version"],
                    )
                except ProjectActionError as error:
                    profile_form = ProfileForm(initial=profile_initial)
                    messages.error(request, error.message)
                    status = 409
                else:
                    messages.success(request, _("Your team's profile is saved."))
                    return redirect("projects:edit_profile", slug=project.slug)
            else:
                status = 400
        elif "save_consent" in request.POST and membership is not None:
            consent_form = ConsentForm(request.POST)
            if consent_form.is_valid():
                data = consent_form.cleaned_data
                network.set_consent(
                    membership,
                    data["network_contact"],
                    data["network_phone"],
                    data["offers_mentoring"],
                )
                messages.success(request, _("Your choices are saved."))
                return redirect("projects:edit_profile", slug=project.slug)
            status = 400
        else:
            messages.error(request, _("Nothing was saved: the form was not recognised."))
            status = 400
    listed = project.status in network.LISTED and not project.is_archived
    return render(
        request,
        "projects/network/edit_profile.html",
        {
            "project": project,
            "profile_form": profile_form,
            "consent_form": consent_form,
            "listed": listed,
        },
        status=status,
    )
