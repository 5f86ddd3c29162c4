"""The default template of the opening plan (editable afterwards in the Wagtail admin, under
"Canteen projects > Opening plan template"), and head office's rights on opening plans.

- Siège: `add`, `change`, `view` of `openingtasktemplate` (keeps the template) and of
  `openingtask` (sets dates, assigns and ticks tasks in any team's plan). Nobody gets `delete`:
  a task is never deleted, a template task is retired (`active` off).
- A team's rights on its own plan come from its current membership (see `projects.access`).

Groups are looked up by name here only (created by canteen_site 0003). Granting is idempotent;
undoing it removes the grants and leaves the template (head office may have edited it).
"""

from django.db import migrations

HEAD_OFFICE = "Siège"
MODEL_PERMISSIONS = {
    "openingtasktemplate": ["add", "change", "view"],
    "openingtask": ["add", "change", "view"],
}

# Stage slug: [(task, task in English, days before the opening, what it means)]
TEMPLATE = {
    "financement-modele": [
        (
            "Budget prévisionnel sur trois ans validé par le réseau",
            "Three-year budget approved by the network",
            336,
            "Le budget suit le modèle du réseau et montre l’équilibre du prix libre.",
        ),
        (
            "Demandes de subvention déposées",
            "Grant applications sent",
            308,
            "Collectivités, fondations, État\u00a0: les dossiers partent tôt, les réponses tardent.",
        ),
        (
            "Plan de financement bouclé",
            "Funding plan complete",
            224,
            "Les financements promis couvrent les travaux et la première année.",
        ),
    ],
    "travaux-amenagement": [
        (
            "Devis des travaux signés",
            "Works quotes signed",
            196,
            "",
        ),
        (
            "Équipement de cuisine commandé",
            "Kitchen equipment ordered",
            140,
            "Comptez huit à dix semaines de délai de livraison.",
        ),
        (
            "Plan de maîtrise sanitaire envoyé au réseau",
            "Sanitary control plan sent to the network",
            42,
            "Le réseau le relit avant la déclaration à la DDPP.",
        ),
        (
            "Commission de sécurité passée",
            "Safety inspection passed",
            21,
            "",
        ),
    ],
    "recrutement": [
        (
            "Offre d’emploi du ou de la responsable de cantine publiée",
            "Canteen manager job offer published",
            112,
            "",
        ),
        (
            "Responsable de cantine recruté·e",
            "Canteen manager hired",
            70,
            "Entretiens menés avec le réseau.",
        ),
        (
            "Immersion dans une cantine ouverte",
            "Immersion in an open canteen",
            35,
            "Quelques jours dans une cantine du réseau pour la posture d’accueil.",
        ),
    ],
    "ouverture": [
        (
            "Déclaration d’activité envoyée à la DDPP",
            "Food business declaration sent",
            28,
            "",
        ),
        (
            "Attestation d’assurance reçue",
            "Insurance certificate received",
            21,
            "",
        ),
        (
            "Invitations envoyées aux voisins, partenaires et élus",
            "Invitations sent to neighbours, partners and officials",
            21,
            "",
        ),
        (
            "Bénévoles formés à l’accueil",
            "Volunteers trained to welcome guests",
            14,
            "",
        ),
        (
            "Caisse à prix libre en place",
            "Pay-what-you-can till ready",
            7,
            "",
        ),
        (
            "Premier repas de la cantine",
            "The canteen’s first meal",
            0,
            "Le jour de l’ouverture.",
        ),
    ],
}


def create_template(apps, schema_editor):
    Stage = apps.get_model("projects", "Stage")
    OpeningTaskTemplate = apps.get_model("projects", "OpeningTaskTemplate")
    if OpeningTaskTemplate.objects.exists():
        return
    stages = {stage.slug: stage for stage in Stage.objects.filter(slug__in=TEMPLATE)}
    for slug, tasks in TEMPLATE.items():
        stage = stages.get(slug)
        if stage is None:  # a stage renamed or removed in the admin: head office adds its tasks
            continue
        for name, name_en, days_before, description in tasks:
            OpeningTaskTemplate.objects.create(
                stage=stage,
                name=name,
                name_en=name_en,
                days_before=days_before,
                description=description,
            )


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    result = []
    for model, actions in MODEL_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="projects", model=model)
        for action in actions:
            codename = f"{action}_{model}"
            result.append(
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=codename,
                    defaults={"name": f"Can {action} {model}"},
                )[0]
            )
    return result


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    # A group renamed in the admin before this ran is not recreated: grant it there by hand.
    for group in Group.objects.filter(name=HEAD_OFFICE):
        group.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    for group in Group.objects.filter(name=HEAD_OFFICE):
        group.permissions.remove(*granted)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_mentoring_permissions"),
        ("canteen_site", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_template, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
