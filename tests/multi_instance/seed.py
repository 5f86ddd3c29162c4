"""The data of the two-instance test, made by `manage.py shell` in the instances' settings (its
files go to the object store): accounts of three roles, two teams, a public toolbox resource with
a document. Prints what the test needs as JSON."""

import json

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from canteen_site import roles
from projects.models import Membership, Project, Stage
from tests.factories.files import demo_pdf
from tests.factories.toolbox import make_document, make_file, make_index, make_resource
from toolbox import services

PASSWORD = "cantine-instances-1"
DOCUMENT = demo_pdf("Fiche hygiène – Cantine des Deux Rives")


def make_user(email, role):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_team(name, email, stage):
    project = Project.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), city=name, stage=stage, status="active"
    )
    Membership.objects.create(
        project=project, user=make_user(email, roles.TEAM_MEMBER), role=Membership.Role.LEAD
    )
    return project


def run():
    make_user("siege@instances.test", roles.HEAD_OFFICE)
    make_user("formatrice@instances.test", roles.TRAINER)
    stage = Stage.objects.order_by("position").first()
    project = make_team("Deux Rives", "equipe@instances.test", stage)
    make_team("Autre Rive", "autre@instances.test", stage)
    resource = make_resource(make_index(), "Guide de l’hygiène", summary="Les bons gestes.")
    document = make_document("Fiche hygiène", DOCUMENT, "fiche-hygiene.pdf")
    make_file(resource, "Fiche hygiène", document)
    requirement = stage.deliverable_requirements.first()
    print(
        json.dumps(
            {
                "project_id": project.pk,
                "login": reverse("account_login"),
                "upload": reverse("projects:upload", args=[project.slug, requirement.pk]),
                "download": reverse("projects:download", args=[project.slug, 0]).replace(
                    "/0/", "/{id}/"
                ),
                "thread": reverse("projects:thread", args=[project.slug]),
                "page": resource.url,
                "page_id": resource.pk,
                "unpublish": reverse("wagtailadmin_pages:unpublish", args=[resource.pk]),
                "publish": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
                + f"?id={resource.pk}",
                "document": reverse("wagtaildocs_serve", args=[document.pk, document.filename]),
                "document_edit": reverse("wagtaildocs:edit", args=[document.pk]),
                "document_title": document.title,
                "members_collection": services.members_collection().pk,
            }
        )
    )
