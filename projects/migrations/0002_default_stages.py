"""The nine default stages of a canteen project, editable afterwards in the Wagtail admin."""

from django.db import migrations

# (slug, name, name_en, description, stall_after_days, guidance,
#  [(checklist item, item in English, required)],
#  [(deliverable, deliverable in English, what we expect, required)])
STAGES = [
    (
        "premier-contact",
        "Premier contact",
        "First contact",
        "Faire connaissance avec le réseau et raconter votre envie de cantine.",
        45,
        "<p>Tout commence par une prise de contact et une visio avec l'équipe du réseau. "
        "Des porteurs et porteuses de projet qui ont déjà ouvert leur cantine y participent "
        "souvent : c'est le moment de poser toutes vos questions.</p>"
        "<p>Venez avec quelques mots sur votre quartier et sur ce qui vous donne envie de "
        "cuisiner avec vos voisins. Il n'est pas nécessaire d'avoir déjà un local ni une "
        "association.</p>",
        [
            ("Remplir le formulaire « Lancer une cantine »", "Fill in the start form", True),
            ("Participer à la visio de présentation", "Attend the introduction video call", True),
            ("Lire la charte du réseau", "Read the network charter", True),
            ("Partager un repas dans une cantine ouverte", "Eat at an open canteen", False),
        ],
        [
            (
                "Note d'intention",
                "Statement of intent",
                "Une page : votre quartier, votre équipe, votre envie.",
                False,
            ),
        ],
    ),
    (
        "premier-cercle",
        "Premier cercle de voisins",
        "First circle of neighbours",
        "Rassembler les premiers habitants qui porteront la cantine avec vous.",
        60,
        "<p>Une cantine ne s'ouvre jamais seul : avant même de chercher un local, réunissez un "
        "premier cercle de voisines et de voisins prêts à s'engager. Leur diversité (âges, "
        "parcours, métiers) fera la richesse de la future cantine.</p>"
        "<ul><li>Organisez une première réunion ouverte, dans un lieu du quartier.</li>"
        "<li>Cuisinez ensemble au moins une fois : rien ne soude mieux une équipe.</li>"
        "<li>Notez qui peut aider à quoi : réseau, bricolage, finances, communication.</li></ul>",
        [
            ("Réunir au moins dix voisins motivés", "Gather at least ten keen neighbours", True),
            ("Tenir une première réunion d'habitants", "Hold a first residents' meeting", True),
            ("Cuisiner un repas test entre voisins", "Cook a trial meal together", False),
            ("Désigner deux référents pour le réseau", "Name two contacts for the network", True),
        ],
        [
            (
                "Compte rendu de la réunion d'habitants",
                "Minutes of the residents' meeting",
                "Qui était là, ce qui a été décidé, les prochaines étapes.",
                True,
            ),
        ],
    ),
    (
        "association-gouvernance",
        "Association et gouvernance",
        "Association and governance",
        "Créer l'association qui portera la cantine et choisir comment décider ensemble.",
        90,
        "<p>La cantine est portée par une association locale, membre du réseau. Rédigez les "
        "statuts à plusieurs à partir du modèle de la boîte à outils, puis tenez l'assemblée "
        "générale constitutive.</p>"
        "<p>La gouvernance partagée s'apprend : la journée de formation « gouvernance et "
        "intelligence collective » aide l'équipe à répartir les rôles et à décider "
        "ensemble.</p>",
        [
            ("Rédiger les statuts en équipe", "Write the statutes as a team", True),
            ("Tenir l'assemblée générale constitutive", "Hold the founding general meeting", True),
            ("Déclarer l'association en préfecture", "Register the association", True),
            ("Ouvrir un compte bancaire", "Open a bank account", True),
            (
                "Suivre la formation gouvernance partagée",
                "Attend the shared governance training",
                False,
            ),
        ],
        [
            ("Statuts signés", "Signed statutes", "Les statuts datés et signés.", True),
            (
                "Récépissé de déclaration en préfecture",
                "Registration receipt",
                "Le récépissé ou la publication au Journal officiel.",
                True,
            ),
            (
                "Composition du conseil d'administration",
                "Board members",
                "Noms et rôles des administrateurs.",
                False,
            ),
        ],
    ),
    (
        "recherche-local",
        "Recherche du local",
        "Premises search",
        "Trouver un local abordable dans un quartier dense et mixte.",
        120,
        "<p>Le bon local se trouve dans un quartier dense où se croisent logements, bureaux et "
        "commerces : c'est ce qui garantit des convives nombreux et variés. Comptez une cuisine "
        "ouverte et une salle d'une quarantaine de places.</p>"
        "<p>Mobilisez le premier cercle : bailleurs sociaux, mairie, commerçants connaissent "
        "souvent des locaux vacants. Faites valider le local par le réseau avant de signer.</p>",
        [
            (
                "Définir le quartier cible (dense et mixte)",
                "Choose the target neighbourhood (dense, mixed-use)",
                True,
            ),
            ("Visiter au moins trois locaux", "Visit at least three premises", True),
            ("Faire valider le local par le réseau", "Have the premises approved", True),
            (
                "Vérifier l'accessibilité et les règles ERP",
                "Check accessibility and public-building rules",
                True,
            ),
        ],
        [
            (
                "Fiche descriptive du local",
                "Premises description",
                "Surface, plan, loyer, travaux à prévoir, photos.",
                True,
            ),
            ("Bail", "Lease", "Le bail ou la promesse de bail signée.", True),
        ],
    ),
    (
        "financement-modele",
        "Financement et modèle économique",
        "Funding and business model",
        "Bâtir le modèle à prix libre et réunir une trentaine de partenaires.",
        120,
        "<p>À prix libre, chacun paie ce qu'il peut : le modèle tient parce qu'autant de convives "
        "donnent plus que le coût du repas que de convives donnent moins. Le budget prévisionnel "
        "doit le montrer sur trois ans.</p>"
        "<p>Une cantine s'appuie sur une trentaine de partenaires locaux : entreprises, "
        "collectivités, fondations, associations, centres sociaux. Ils financent, mais aussi "
        "orientent des convives vers la cantine.</p>",
        [
            ("Construire le budget prévisionnel sur trois ans", "Build a 3-year budget", True),
            ("Rencontrer une trentaine de partenaires", "Meet about thirty partners", True),
            ("Déposer les demandes de subvention", "Apply for grants", True),
            ("Lancer une campagne de financement participatif", "Run a crowdfunding", False),
        ],
        [
            ("Budget prévisionnel", "Provisional budget", "Trois ans, modèle du réseau.", True),
            (
                "Plan de financement",
                "Funding plan",
                "Qui finance quoi : subventions, mécénat, prêts.",
                True,
            ),
            ("Liste des partenaires locaux", "Local partners", "Nom, type, engagement.", False),
        ],
    ),
    (
        "travaux-amenagement",
        "Travaux et aménagement",
        "Works and fit-out",
        "Aménager la cuisine et la salle, et faire vivre la cantine avant l'heure.",
        90,
        "<p>Les travaux prennent souvent plus de temps que prévu. Pour garder le quartier "
        "mobilisé, organisez des repas éphémères chez des partenaires ou en plein air.</p>"
        "<p>Le plan de maîtrise sanitaire se prépare dès maintenant : il décrit comment la "
        "cantine garantit l'hygiène quand des habitants cuisinent ensemble.</p>",
        [
            ("Faire chiffrer les travaux", "Get quotes for the works", True),
            ("Commander l'équipement de cuisine", "Order the kitchen equipment", True),
            ("Organiser des repas éphémères", "Hold pop-up meals", False),
            ("Passer la commission de sécurité", "Pass the safety inspection", True),
        ],
        [
            (
                "Plan d'aménagement de la cuisine",
                "Kitchen layout",
                "Plan coté avec la marche en avant.",
                True,
            ),
            (
                "Plan de maîtrise sanitaire",
                "Sanitary control plan",
                "Procédures d'hygiène, traçabilité, nettoyage.",
                True,
            ),
        ],
    ),
    (
        "recrutement",
        "Recrutement du ou de la responsable de cantine",
        "Recruiting the canteen manager",
        "Recruter la première personne salariée, qui fera vivre la cantine au quotidien.",
        75,
        "<p>Le ou la responsable de cantine anime les repas, accueille chacun tel qu'il est et "
        "veille à la diversité des convives. Le réseau vous aide à rédiger la fiche de poste et "
        "participe aux entretiens.</p>"
        "<p>Prévoyez une immersion de quelques jours dans une cantine ouverte avant "
        "l'ouverture : c'est là que se transmet la posture d'accueil.</p>",
        [
            ("Rédiger la fiche de poste", "Write the job description", True),
            ("Diffuser l'offre", "Publish the job offer", True),
            ("Mener les entretiens avec le réseau", "Interview with the network", True),
            ("Prévoir une immersion en cantine ouverte", "Plan an immersion", True),
        ],
        [
            ("Fiche de poste", "Job description", "La fiche validée par le bureau.", True),
            ("Contrat de travail signé", "Signed employment contract", "", True),
        ],
    ),
    (
        "ouverture",
        "Ouverture",
        "Opening",
        "Préparer le jour J et les premières semaines.",
        60,
        "<p>Fixez une date, invitez largement (voisins, partenaires, élus) et préparez l'accueil "
        "avec les bénévoles. La journée de formation « préparer l'ouverture » aide à tenir "
        "l'engagement de chacun dans la durée.</p>",
        [
            ("Fixer la date d'ouverture", "Set the opening date", True),
            (
                "Inviter voisins, partenaires et élus",
                "Invite neighbours, partners, officials",
                True,
            ),
            ("Former les bénévoles à l'accueil", "Train volunteers to welcome guests", True),
            ("Mettre en place la caisse à prix libre", "Set up pay-what-you-can", True),
        ],
        [
            (
                "Déclaration auprès de la DDPP",
                "Food safety declaration",
                "La déclaration d'activité de restauration.",
                True,
            ),
            ("Attestation d'assurance", "Insurance certificate", "", True),
        ],
    ),
    (
        "cantine-ouverte",
        "Cantine ouverte",
        "Open canteen",
        "Accompagnement après l'ouverture : les premiers mois de la cantine.",
        180,
        "<p>La cantine est ouverte : bravo ! Le réseau reste à vos côtés pendant les premiers "
        "mois pour la gestion, la posture d'employeur et la vie de la communauté.</p>",
        [
            ("Faire le point à trois mois avec le réseau", "Three-month review", True),
            ("Partager les premiers chiffres de fréquentation", "Share first figures", False),
            ("Participer à la rencontre annuelle du réseau", "Join the annual gathering", False),
        ],
        [
            ("Bilan des six premiers mois", "Six-month report", "", False),
        ],
    ),
]


def create_stages(apps, schema_editor):
    Stage = apps.get_model("projects", "Stage")
    ChecklistItem = apps.get_model("projects", "ChecklistItem")
    DeliverableRequirement = apps.get_model("projects", "DeliverableRequirement")
    for position, (
        slug,
        name,
        name_en,
        description,
        stall,
        guidance,
        items,
        documents,
    ) in enumerate(STAGES, start=1):
        if Stage.objects.filter(slug=slug).exists():
            continue
        stage = Stage.objects.create(
            slug=slug,
            name=name,
            name_en=name_en,
            position=position,
            description=description,
            guidance=guidance,
            stall_after_days=stall,
        )
        for order, (item, item_en, required) in enumerate(items):
            ChecklistItem.objects.create(
                stage=stage, sort_order=order, name=item, name_en=item_en, required=required
            )
        for order, (document, document_en, expected, required) in enumerate(documents):
            DeliverableRequirement.objects.create(
                stage=stage,
                sort_order=order,
                name=document,
                name_en=document_en,
                description=expected,
                required=required,
            )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create_stages, migrations.RunPython.noop)]
