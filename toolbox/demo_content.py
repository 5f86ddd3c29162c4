"""The demo toolbox's resources, in French. Loaded by `toolbox.demo`.

Body items: ("p", html), ("h", text), ("tip" | "warning" | "canteen", title, html),
("quote", text, author, role). Files: kind pdf/odt (paragraphs) or csv (rows); "v2" adds a
second version with its change note. "deliverable" links a stage's required deliverable to
the resource as the template to start from.
"""

RESOURCES = [
    {
        "slug": "raconter-son-projet-en-une-page",
        "title": "Raconter son projet de cantine en une page",
        "type": "template",
        "stages": ["premier-contact"],
        "tags": ["démarrage", "communication"],
        "audience": "coordinators",
        "members": False,
        "reviewed": "2026-09-02",
        "summary": "Un modèle de note d'intention pour présenter votre quartier, votre équipe "
        "et votre envie de cantine avant la première visio avec le réseau.",
        "body": [
            (
                "p",
                "<p>Avant de parler de local ou de budget, le réseau a besoin de comprendre "
                "d'où vient votre envie. Une page suffit : pas de jargon, pas de tableau, "
                "simplement votre quartier vu par celles et ceux qui y vivent.</p>",
            ),
            ("h", "Ce que la note raconte"),
            (
                "p",
                "<ul><li>Le quartier : qui y habite, où l'on se croise, ce qui manque.</li>"
                "<li>L'équipe : quelques prénoms, ce que chacun sait faire.</li>"
                "<li>L'envie : pourquoi une cantine, pourquoi maintenant.</li></ul>",
            ),
            (
                "tip",
                "Écrire à plusieurs",
                "<p>Rédigez-la à deux ou trois, autour d'un café : "
                "la note gagne en justesse quand plusieurs voix s'y retrouvent.</p>",
            ),
        ],
        "files": [
            {
                "slug": "modele-note-intention",
                "title": "Modèle de note d'intention",
                "kind": "odt",
                "content": [
                    "## Notre quartier",
                    "Décrivez en quelques lignes le quartier : habitants, lieux de passage, "
                    "commerces, associations.",
                    "____________________________________________",
                    "## Notre équipe",
                    "Qui porte le projet aujourd'hui ? Ce que chacun apporte.",
                    "____________________________________________",
                    "## Pourquoi une cantine ici",
                    "Ce qui vous donne envie de cuisiner et de manger avec vos voisins.",
                    "____________________________________________",
                ],
            }
        ],
        "deliverable": ("premier-contact", "Note d'intention"),
    },
    {
        "slug": "preparer-la-visio-de-presentation",
        "title": "Préparer la visio de présentation avec le réseau",
        "type": "checklist",
        "stages": ["premier-contact"],
        "tags": ["démarrage"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-06-18",
        "summary": "Les questions à préparer et les personnes à inviter pour tirer le meilleur "
        "de la première rencontre en visio avec l'équipe du réseau.",
        "body": [
            (
                "p",
                "<p>La visio de présentation dure environ une heure. Des porteurs de projet "
                "qui ont déjà ouvert leur cantine y participent souvent : profitez-en pour leur "
                "demander ce qu'ils auraient aimé savoir au début.</p>",
            ),
            (
                "canteen",
                "Un conseil venu de Bagnolet",
                "<p>Invitez au moins une personne "
                "qui n'est pas encore convaincue : ses questions sont souvent les plus utiles.</p>",
            ),
        ],
        "files": [
            {
                "slug": "check-list-visio-presentation",
                "title": "Check-list de la visio de présentation",
                "kind": "pdf",
                "content": [
                    "Avant la visio",
                    "- Relire la charte du réseau et noter vos questions.",
                    "- Envoyer la note d'intention quelques jours avant.",
                    "- Prévoir un lieu calme et une connexion stable.",
                    "Pendant la visio",
                    "- Présenter l'équipe et le quartier en cinq minutes.",
                    "- Demander comment se passent les formations et l'accompagnement.",
                    "Après la visio",
                    "- Partager un compte rendu avec tout le premier cercle.",
                    "- Fixer la date de la prochaine réunion d'habitants.",
                ],
            }
        ],
    },
    {
        "slug": "de-l-idee-a-l-ouverture-une-histoire-de-cantine",
        "title": "De l'idée à l'ouverture : l'histoire d'une cantine",
        "type": "example",
        "stages": ["premier-contact", "cantine-ouverte"],
        "tags": ["témoignage", "démarrage"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-05-10",
        "summary": "Plusieurs années de recherche de local, des repas éphémères, des travaux "
        "puis l'ouverture : le parcours d'une équipe près de Rennes, étape par étape.",
        "body": [
            (
                "p",
                "<p>Entre la première réunion et le premier repas dans ses murs, l'équipe a "
                "traversé toutes les étapes du parcours. Elle a longtemps cherché un local, a "
                "organisé des repas éphémères pour garder le lien avec les voisins, puis a "
                "mené plusieurs mois de travaux.</p>",
            ),
            ("h", "Ce que l'équipe retient"),
            (
                "p",
                "<p>Les repas éphémères ont été décisifs : ils ont fait connaître le projet "
                "et ont prouvé aux partenaires que le quartier répondait présent.</p>",
            ),
            (
                "quote",
                "On pensait que le plus dur serait de trouver l'argent. Le plus dur, "
                "ça a été d'attendre le local sans perdre personne en route.",
                "Gaëlle",
                "membre de l'équipe fondatrice",
            ),
        ],
        "files": [],
    },
    {
        "slug": "reunir-un-premier-cercle-de-voisins",
        "title": "Réunir un premier cercle de voisins",
        "type": "guide",
        "stages": ["premier-cercle"],
        "tags": ["mobilisation", "diversité"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-10-01",
        "summary": "Comment trouver les dix premiers voisins prêts à s'engager, et veiller dès "
        "le départ à ce qu'ils ne se ressemblent pas tous.",
        "body": [
            (
                "p",
                "<p>Une cantine ne s'ouvre jamais seul. Le premier cercle, ce sont les "
                "habitants qui porteront le projet avec vous : ils parleront de la cantine à "
                "leurs voisins, donneront un coup de main et prendront des décisions.</p>",
            ),
            ("h", "Où chercher"),
            (
                "p",
                "<ul><li>À la sortie de l'école, au marché, chez les commerçants.</li>"
                "<li>Auprès des associations et du centre social.</li>"
                "<li>Par le bouche-à-oreille : chacun invite deux personnes.</li></ul>",
            ),
            (
                "warning",
                "Un cercle trop homogène",
                "<p>Si tout le monde a le même âge ou le "
                "même métier, la cantine risque de n'attirer que des convives qui leur "
                "ressemblent. Allez chercher d'autres profils dès maintenant.</p>",
            ),
        ],
        "files": [
            {
                "slug": "guide-premier-cercle",
                "title": "Guide du premier cercle (PDF)",
                "kind": "pdf",
                "content": [
                    "Le premier cercle réunit une dizaine de voisines et de voisins prêts à "
                    "porter le projet de cantine avec vous.",
                    "- Parlez du projet partout où l'on se croise dans le quartier.",
                    "- Organisez une réunion ouverte dans un lieu connu de tous.",
                    "- Cuisinez ensemble au moins une fois avant de vous organiser.",
                    "- Notez qui peut aider à quoi : réseau, bricolage, finances, communication.",
                    "Veillez à la diversité des âges, des parcours et des origines : c'est "
                    "elle qui fera la richesse de la future cantine.",
                ],
            }
        ],
    },
    {
        "slug": "invitation-premiere-reunion-habitants",
        "title": "Invitation à la première réunion d'habitants",
        "type": "template",
        "stages": ["premier-cercle"],
        "tags": ["mobilisation", "communication"],
        "audience": "coordinators",
        "members": False,
        "reviewed": "2026-04-22",
        "summary": "Un texte d'invitation à adapter, à glisser dans les boîtes aux lettres ou "
        "à afficher chez les commerçants du quartier.",
        "body": [
            (
                "p",
                "<p>Une bonne invitation tient en quelques lignes : ce que vous voulez "
                "faire, quand et où vous vous retrouvez, et le fait que tout le monde est "
                "bienvenu, sans condition.</p>",
            ),
        ],
        "files": [
            {
                "slug": "invitation-reunion-habitants",
                "title": "Invitation à adapter",
                "kind": "odt",
                "content": [
                    "Bonjour voisines et voisins !",
                    "Nous sommes quelques habitants du quartier à rêver d'une cantine où l'on "
                    "cuisine ensemble et où chacun paie ce qu'il peut.",
                    "Venez en parler avec nous le ______ à ______ heures, à ______.",
                    "Il y aura du café et de quoi grignoter. Venez comme vous êtes !",
                ],
            }
        ],
    },
    {
        "slug": "compte-rendu-de-reunion-habitants",
        "title": "Compte rendu de réunion d'habitants",
        "type": "template",
        "stages": ["premier-cercle", "association-gouvernance"],
        "tags": ["gouvernance", "mobilisation"],
        "audience": "coordinators",
        "members": True,
        "reviewed": "2026-09-20",
        "summary": "Le modèle de compte rendu attendu par le réseau : qui était là, ce qui a "
        "été décidé, qui fait quoi d'ici la prochaine fois.",
        "body": [
            (
                "p",
                "<p>Le compte rendu sert d'abord à l'équipe : il garde la trace des "
                "décisions et permet aux absents de suivre. Il fait aussi partie des documents "
                "demandés pour passer à l'étape suivante.</p>",
            ),
            (
                "tip",
                "Tourner",
                "<p>Changez de secrétaire à chaque réunion : tout le monde "
                "apprend à résumer, et personne ne s'épuise.</p>",
            ),
        ],
        "files": [
            {
                "slug": "modele-compte-rendu-reunion",
                "title": "Modèle de compte rendu",
                "kind": "odt",
                "content": [
                    "## Date et lieu",
                    "____________________________________________",
                    "## Présents",
                    "____________________________________________",
                    "## Décisions",
                    "____________________________________________",
                ],
                "v2": {
                    "note": "Ajout d'un tableau « qui fait quoi, pour quand » à la fin.",
                    "content": [
                        "## Date et lieu",
                        "____________________________________________",
                        "## Présents et excusés",
                        "____________________________________________",
                        "## Décisions",
                        "____________________________________________",
                        "## Qui fait quoi, pour quand",
                        "- Action : ______  Qui : ______  Pour le : ______",
                        "- Action : ______  Qui : ______  Pour le : ______",
                    ],
                },
            }
        ],
        "deliverable": ("premier-cercle", "Compte rendu de la réunion d'habitants"),
    },
    {
        "slug": "repas-test-entre-voisins",
        "title": "Animer un repas test entre voisins",
        "type": "video",
        "stages": ["premier-cercle"],
        "tags": ["cuisine", "mobilisation"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-03-15",
        "summary": "Une courte vidéo tournée pendant un repas test : comment répartir les "
        "tâches, accueillir les nouveaux venus et finir ensemble la vaisselle.",
        "body": [
            (
                "p",
                "<p>La vidéo suit une équipe le temps d'un repas test, de l'arrivée des "
                "premiers voisins jusqu'au rangement. Elle montre comment une responsable "
                "distribue les tâches sans rien imposer, et comment les convives qui ne se "
                "connaissaient pas finissent par cuisiner côte à côte.</p>",
            ),
            ("h", "Résumé de la vidéo"),
            (
                "p",
                "<ol><li>Accueillir chacun par son prénom et lui proposer une tâche.</li>"
                "<li>Cuisiner un plat simple, en grande quantité.</li>"
                "<li>Manger à une seule grande table.</li>"
                "<li>Ranger ensemble : c'est aussi un moment de discussion.</li></ol>",
            ),
        ],
        "files": [],
        "links": [("La vidéo sur la chaîne du réseau", "https://video.example.org/repas-test")],
    },
    {
        "slug": "cartographier-habitants-et-partenaires",
        "title": "Cartographier les habitants et partenaires du quartier",
        "type": "template",
        "stages": ["premier-cercle", "recherche-local"],
        "tags": ["partenaires", "mobilisation"],
        "audience": "coordinators",
        "members": True,
        "reviewed": "2026-07-08",
        "summary": "Un tableau pour recenser les personnes et structures qui peuvent aider : "
        "centre social, bailleur, école, commerçants, élus.",
        "body": [
            (
                "p",
                "<p>Ce tableau devient vite la mémoire du projet : qui vous avez rencontré, "
                "ce qu'il ou elle peut apporter et quand le relancer.</p>",
            ),
        ],
        "files": [
            {
                "slug": "carte-des-partenaires",
                "title": "Tableau des partenaires du quartier",
                "kind": "csv",
                "content": [
                    [
                        "Structure ou personne",
                        "Type",
                        "Contact",
                        "Ce qu'elle peut apporter",
                        "Prochaine étape",
                    ],
                    ["Centre social", "Association", "", "Salle pour les réunions", ""],
                    ["Bailleur social", "Logement", "", "Locaux vacants en pied d'immeuble", ""],
                    ["École élémentaire", "Éducation", "", "Relais auprès des familles", ""],
                ],
            }
        ],
    },
    {
        "slug": "rediger-les-statuts-de-l-association",
        "title": "Rédiger les statuts de l'association",
        "type": "guide",
        "stages": ["association-gouvernance"],
        "tags": ["association", "gouvernance"],
        "audience": "board",
        "members": False,
        "reviewed": "2026-08-28",
        "summary": "Les choix à faire avant d'écrire les statuts : objet, membres, prise de "
        "décision, place des salariés et des convives.",
        "body": [
            (
                "p",
                "<p>La cantine est portée par une association locale, membre du réseau. "
                "Les statuts ne sont pas une formalité : ils disent qui décide, comment, et "
                "quelle place ont les convives et les bénévoles.</p>",
            ),
            ("h", "Les questions à trancher ensemble"),
            (
                "p",
                "<ul><li>Un conseil d'administration classique ou une gouvernance "
                "collégiale ?</li><li>Qui peut devenir membre, et à quel prix ?</li>"
                "<li>Comment associer les convives aux décisions ?</li></ul>",
            ),
            (
                "tip",
                "Partir du modèle",
                "<p>Le modèle de statuts du réseau contient déjà les "
                "articles attendus ; adaptez-le plutôt que de partir d'une page blanche.</p>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "modele-de-statuts",
        "title": "Modèle de statuts d'une association de cantine",
        "type": "template",
        "stages": ["association-gouvernance"],
        "tags": ["association", "gouvernance", "juridique"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-10-12",
        "summary": "Les statuts types du réseau, article par article, avec des commentaires "
        "pour les adapter à votre équipe.",
        "body": [
            (
                "p",
                "<p>Ce modèle reprend les articles que toutes les associations du réseau "
                "partagent (objet, valeurs, adhésion au réseau) et laisse libres ceux qui "
                "dépendent de votre organisation.</p>",
            ),
            (
                "warning",
                "À faire relire",
                "<p>Avant l'assemblée constitutive, envoyez votre "
                "version à l'équipe du réseau : une relecture évite bien des allers-retours "
                "avec la préfecture.</p>",
            ),
        ],
        "files": [
            {
                "slug": "statuts-types",
                "title": "Statuts types",
                "kind": "odt",
                "content": [
                    "## Article 1 : Nom",
                    "Il est fondé entre les adhérents aux présents statuts une association "
                    "régie par la loi du 1er juillet 1901, ayant pour titre : ______.",
                    "## Article 2 : Objet",
                    "L'association a pour objet de faire vivre une cantine de quartier "
                    "participative, où les habitants cuisinent et mangent ensemble à prix libre.",
                    "## Article 3 : Siège social",
                    "______",
                ],
                "v2": {
                    "note": "Nouvel article sur la gouvernance collégiale et mise à jour de "
                    "l'article sur l'adhésion au réseau.",
                    "content": [
                        "## Article 1 : Nom",
                        "Il est fondé entre les adhérents aux présents statuts une association "
                        "régie par la loi du 1er juillet 1901, ayant pour titre : ______.",
                        "## Article 2 : Objet",
                        "L'association a pour objet de faire vivre une cantine de quartier "
                        "participative, où les habitants cuisinent et mangent ensemble à prix "
                        "libre.",
                        "## Article 3 : Siège social",
                        "______",
                        "## Article 8 : Gouvernance collégiale",
                        "L'association est administrée par un collège de membres qui "
                        "décident ensemble, selon les modalités du règlement intérieur.",
                        "## Article 12 : Adhésion au réseau",
                        "L'association adhère au réseau des cantines de quartier et en "
                        "respecte la charte.",
                    ],
                },
            }
        ],
        "deliverable": ("association-gouvernance", "Statuts signés"),
    },
    {
        "slug": "preparer-l-assemblee-constitutive",
        "title": "Préparer l'assemblée générale constitutive",
        "type": "checklist",
        "stages": ["association-gouvernance"],
        "tags": ["association", "juridique"],
        "audience": "board",
        "members": False,
        "reviewed": "2026-02-03",
        "summary": "Convocation, ordre du jour, feuille d'émargement, procès-verbal : tout ce "
        "qu'il faut avoir sous la main le jour de l'assemblée.",
        "body": [
            (
                "p",
                "<p>L'assemblée constitutive fait naître l'association. Elle adopte les "
                "statuts et désigne les premiers responsables ; son procès-verbal accompagnera "
                "la déclaration en préfecture.</p>",
            ),
        ],
        "files": [
            {
                "slug": "check-list-assemblee-constitutive",
                "title": "Check-list de l'assemblée constitutive",
                "kind": "pdf",
                "content": [
                    "- Convocation envoyée au moins quinze jours avant.",
                    "- Statuts imprimés en plusieurs exemplaires.",
                    "- Feuille d'émargement.",
                    "- Ordre du jour : adoption des statuts, élection, cotisation.",
                    "- Modèle de procès-verbal prêt à remplir.",
                ],
            }
        ],
    },
    {
        "slug": "decider-ensemble-gouvernance-partagee",
        "title": "Décider ensemble : la gouvernance partagée",
        "type": "video",
        "stages": ["association-gouvernance", "cantine-ouverte"],
        "tags": ["gouvernance", "intelligence collective"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-09-30",
        "summary": "Extraits de la journée de formation « gouvernance partagée et intelligence "
        "collective » : révéler les talents de chacun et décider sans s'épuiser.",
        "body": [
            (
                "p",
                "<p>La vidéo reprend trois exercices de la journée de formation : la "
                "météo d'équipe, l'élection sans candidat et la décision par consentement. "
                "Chacun peut être refait lors d'une réunion d'équipe ordinaire.</p>",
            ),
            (
                "quote",
                "On s'est rassurés sur les bonnes pratiques, et on est repartis avec "
                "tous les outils nécessaires.",
                "Une participante",
                "équipe en formation à Lyon",
            ),
        ],
        "files": [],
        "links": [("Les extraits de la formation", "https://video.example.org/gouvernance")],
    },
    {
        "slug": "grille-de-visite-d-un-local",
        "title": "Grille de visite d'un local",
        "type": "checklist",
        "stages": ["recherche-local"],
        "tags": ["local", "sécurité sanitaire"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-06-30",
        "summary": "Les points à vérifier pendant la visite : surface, cuisine, accessibilité, "
        "évacuation des fumées, voisinage et loyer.",
        "body": [
            (
                "p",
                "<p>Emportez cette grille à chaque visite et remplissez-la sur place : "
                "comparer trois locaux devient alors beaucoup plus simple.</p>",
            ),
            (
                "warning",
                "Extraction et sécurité",
                "<p>Une cuisine sans extraction possible "
                "coûte très cher à aménager. Posez la question dès la première visite.</p>",
            ),
        ],
        "files": [
            {
                "slug": "grille-visite-local",
                "title": "Grille de visite",
                "kind": "pdf",
                "content": [
                    "Adresse : ______   Date de la visite : ______",
                    "- Surface de la salle (une quarantaine de places) : ______",
                    "- Cuisine ouverte possible : oui / non",
                    "- Extraction des fumées : existante / possible / impossible",
                    "- Accès pour les personnes à mobilité réduite : oui / non",
                    "- Quartier dense et mixte (logements, bureaux, commerces) : oui / non",
                    "- Loyer et charges : ______",
                ],
            }
        ],
    },
    {
        "slug": "fiche-descriptive-du-local",
        "title": "Fiche descriptive du local",
        "type": "template",
        "stages": ["recherche-local"],
        "tags": ["local"],
        "audience": "coordinators",
        "members": True,
        "reviewed": "2026-07-19",
        "summary": "Le modèle à remplir pour présenter le local choisi au réseau avant de "
        "signer le bail.",
        "body": [
            (
                "p",
                "<p>Le réseau valide le local avant la signature : cette fiche réunit ce "
                "dont il a besoin pour donner son avis rapidement.</p>",
            ),
        ],
        "files": [
            {
                "slug": "modele-fiche-local",
                "title": "Modèle de fiche descriptive",
                "kind": "odt",
                "content": [
                    "## Adresse et quartier",
                    "____________________________________________",
                    "## Surfaces et plan",
                    "____________________________________________",
                    "## Conditions du bail",
                    "____________________________________________",
                    "## Travaux à prévoir",
                    "____________________________________________",
                ],
            }
        ],
        "deliverable": ("recherche-local", "Fiche descriptive du local"),
    },
    {
        "slug": "choisir-le-bon-quartier",
        "title": "Choisir le bon quartier",
        "type": "guide",
        "stages": ["recherche-local", "premier-contact"],
        "tags": ["local", "diversité"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-01-25",
        "summary": "Pourquoi les cantines s'installent dans des quartiers denses où se "
        "croisent logements, bureaux et commerces, et comment le vérifier.",
        "body": [
            (
                "p",
                "<p>Une cantine vit de la diversité de ses convives. Dans un quartier où "
                "se mêlent habitants, salariés et commerçants, le midi réunit naturellement "
                "des personnes qui ne se seraient jamais rencontrées.</p>",
            ),
            ("h", "Trois indices d'un bon emplacement"),
            (
                "p",
                "<ul><li>Du passage à l'heure du déjeuner.</li><li>Des logements de "
                "plusieurs types à proximité.</li><li>Des structures partenaires à moins de "
                "dix minutes à pied.</li></ul>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "local-trouve-grace-au-bailleur",
        "title": "Exemple : un local trouvé grâce au bailleur social",
        "type": "example",
        "stages": ["recherche-local"],
        "tags": ["local", "partenaires", "témoignage"],
        "audience": "coordinators",
        "members": True,
        "reviewed": "2026-05-27",
        "summary": "Comment une équipe a obtenu un rez-de-chaussée vacant en présentant son "
        "projet au bailleur, et ce que le bail prévoit.",
        "body": [
            (
                "p",
                "<p>Après six mois de recherche infructueuse, l'équipe a présenté la cantine "
                "au bailleur social du quartier. Le rez-de-chaussée vacant d'une résidence lui "
                "a été proposé avec un loyer progressif la première année.</p>",
            ),
            (
                "canteen",
                "Ce qui a convaincu",
                "<p>La liste des voisins du premier cercle et "
                "les photos des repas éphémères : le bailleur y a vu un projet déjà vivant.</p>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "budget-previsionnel-premiere-annee",
        "title": "Budget prévisionnel de la première année",
        "type": "template",
        "stages": ["financement-modele"],
        "tags": ["financement", "modèle économique"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-10-05",
        "summary": "Un tableau à compléter, poste par poste : loyer, salaire du ou de la "
        "responsable, achats alimentaires, et contributions à prix libre.",
        "body": [
            (
                "p",
                "<p>Le prix libre couvre l'essentiel du fonctionnement d'une cantine "
                "ouverte ; la première année, des subventions et du mécénat complètent. Le "
                "tableau sépare bien les deux.</p>",
            ),
            (
                "tip",
                "Prudence",
                "<p>Comptez une montée en charge progressive : les premiers "
                "mois, le nombre de repas est souvent deux fois plus faible qu'à l'équilibre.</p>",
            ),
        ],
        "files": [
            {
                "slug": "budget-previsionnel",
                "title": "Budget prévisionnel (tableur)",
                "kind": "csv",
                "content": [
                    ["Poste", "Montant annuel (€)", "Commentaire"],
                    ["Loyer et charges", "", ""],
                    ["Salaire du ou de la responsable", "", ""],
                    ["Achats alimentaires", "", ""],
                    ["Contributions à prix libre", "", ""],
                    ["Subventions", "", ""],
                ],
                "v2": {
                    "note": "Ajout des charges sociales et d'une ligne pour l'assurance.",
                    "content": [
                        ["Poste", "Montant annuel (€)", "Commentaire"],
                        ["Loyer et charges", "", ""],
                        ["Salaire du ou de la responsable", "", ""],
                        ["Charges sociales", "", "Environ 45 % du salaire brut"],
                        ["Assurance", "", ""],
                        ["Achats alimentaires", "", ""],
                        ["Contributions à prix libre", "", ""],
                        ["Subventions", "", ""],
                        ["Mécénat", "", ""],
                    ],
                },
            }
        ],
        "deliverable": ("financement-modele", "Budget prévisionnel"),
    },
    {
        "slug": "comprendre-le-prix-libre",
        "title": "Comprendre le prix libre",
        "type": "guide",
        "stages": ["financement-modele", "cantine-ouverte"],
        "tags": ["prix libre", "modèle économique"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-09-11",
        "summary": "Chacun paie ce qu'il peut : comment l'expliquer aux convives, et comment "
        "ce principe fait vivre la cantine.",
        "body": [
            (
                "p",
                "<p>Le prix libre n'est pas la gratuité. Chaque convive donne selon ses "
                "moyens, et l'ensemble des contributions couvre la majeure partie des frais. "
                "Il faut donc l'expliquer simplement, sans culpabiliser personne.</p>",
            ),
            ("h", "Bien l'afficher"),
            (
                "p",
                "<p>Affichez ce que coûte réellement un repas : chacun se situe librement "
                "par rapport à ce repère.</p>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "plan-de-financement-exemple",
        "title": "Plan de financement : un exemple commenté",
        "type": "example",
        "stages": ["financement-modele", "travaux-amenagement"],
        "tags": ["financement", "partenaires"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-08-14",
        "summary": "Le plan de financement d'une cantine ouverte récemment : travaux, "
        "équipement de la cuisine et premiers mois, avec la part de chaque financeur.",
        "body": [
            (
                "p",
                "<p>Les travaux et l'équipement représentent la plus grosse dépense avant "
                "l'ouverture. Cet exemple montre comment une équipe a combiné collectivités, "
                "fondations, financement participatif et apport des membres.</p>",
            ),
        ],
        "files": [
            {
                "slug": "plan-financement-exemple",
                "title": "Plan de financement commenté",
                "kind": "pdf",
                "content": [
                    "Besoins : travaux, équipement de cuisine, trésorerie des six premiers mois.",
                    "Ressources : subvention de la ville, fondation d'entreprise, financement "
                    "participatif auprès des habitants, prêt d'honneur.",
                    "Le financement participatif a rapporté moins que les subventions, mais il "
                    "a fait connaître la cantine à des centaines de voisins.",
                ],
            }
        ],
        "deliverable": ("financement-modele", "Plan de financement"),
    },
    {
        "slug": "demande-de-subvention-pieces",
        "title": "Dossier de subvention : les pièces à réunir",
        "type": "checklist",
        "stages": ["financement-modele"],
        "tags": ["financement", "juridique"],
        "audience": "board",
        "members": False,
        "reviewed": "2026-04-09",
        "summary": "La liste des documents que demandent presque toutes les collectivités et "
        "fondations, pour ne pas être pris de court.",
        "body": [
            (
                "p",
                "<p>Préparez une fois pour toutes un dossier avec ces pièces : vous gagnerez "
                "un temps précieux à chaque nouvel appel à projets.</p>",
            ),
        ],
        "files": [
            {
                "slug": "pieces-dossier-subvention",
                "title": "Liste des pièces",
                "kind": "pdf",
                "content": [
                    "- Statuts signés et récépissé de déclaration.",
                    "- Numéro SIRET de l'association.",
                    "- Budget prévisionnel et plan de financement.",
                    "- Relevé d'identité bancaire.",
                    "- Présentation du projet en deux pages.",
                ],
            }
        ],
    },
    {
        "slug": "amenager-une-cuisine-ouverte",
        "title": "Aménager une cuisine ouverte",
        "type": "guide",
        "stages": ["travaux-amenagement"],
        "tags": ["travaux", "cuisine", "sécurité sanitaire"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-07-02",
        "summary": "Marche en avant, plans de travail à hauteur de tous, zone de plonge : "
        "concevoir une cuisine où les convives cuisinent en sécurité.",
        "body": [
            (
                "p",
                "<p>Dans une cantine participative, la cuisine est ouverte sur la salle et "
                "des dizaines de personnes y passent chaque semaine. L'aménagement doit être "
                "simple à comprendre pour un nouveau venu.</p>",
            ),
            ("h", "Les principes"),
            (
                "p",
                "<ul><li>La marche en avant : du propre vers le sale, sans retour.</li>"
                "<li>Des plans de travail accessibles, y compris assis.</li>"
                "<li>Une plonge séparée et bien visible.</li></ul>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "plan-de-maitrise-sanitaire",
        "title": "Plan de maîtrise sanitaire : le modèle à adapter",
        "type": "template",
        "stages": ["travaux-amenagement", "ouverture"],
        "tags": ["sécurité sanitaire", "hygiène", "cuisine"],
        "audience": "manager",
        "members": True,
        "reviewed": "2026-10-20",
        "summary": "Le plan de maîtrise sanitaire type d'une cuisine participative : "
        "températures, traçabilité, nettoyage, formation des bénévoles.",
        "body": [
            (
                "p",
                "<p>Le plan de maîtrise sanitaire décrit comment la cantine garantit la "
                "sécurité des repas. Il est demandé par les services de contrôle et doit "
                "correspondre à ce qui se fait vraiment en cuisine.</p>",
            ),
            (
                "warning",
                "Spécificité des cantines participatives",
                "<p>Des bénévoles "
                "différents cuisinent chaque jour : le plan doit prévoir un accueil hygiène "
                "de quelques minutes pour chacun.</p>",
            ),
        ],
        "files": [
            {
                "slug": "modele-plan-maitrise-sanitaire",
                "title": "Modèle de plan de maîtrise sanitaire",
                "kind": "odt",
                "content": [
                    "## Bonnes pratiques d'hygiène",
                    "Tenue, lavage des mains, accueil hygiène des bénévoles.",
                    "## Températures",
                    "Relevés des enceintes froides matin et soir.",
                    "## Traçabilité",
                    "Conservation des étiquettes et des plats témoins.",
                ],
                "v2": {
                    "note": "Nouvelle fiche de relevé des températures et section sur les "
                    "allergènes.",
                    "content": [
                        "## Bonnes pratiques d'hygiène",
                        "Tenue, lavage des mains, accueil hygiène des bénévoles.",
                        "## Températures",
                        "Relevés des enceintes froides matin et soir, sur la fiche jointe.",
                        "## Traçabilité",
                        "Conservation des étiquettes et des plats témoins.",
                        "## Allergènes",
                        "Affichage des quatorze allergènes majeurs pour chaque plat du jour.",
                    ],
                },
            }
        ],
        "deliverable": ("travaux-amenagement", "Plan de maîtrise sanitaire"),
    },
    {
        "slug": "suivi-des-travaux",
        "title": "Suivre ses travaux semaine après semaine",
        "type": "template",
        "stages": ["travaux-amenagement"],
        "tags": ["travaux"],
        "audience": "coordinators",
        "members": True,
        "reviewed": "2026-03-30",
        "summary": "Un tableau de bord des travaux : lots, entreprises, dates prévues et "
        "réelles, chantiers participatifs avec les habitants.",
        "body": [
            (
                "p",
                "<p>Les travaux durent souvent plusieurs mois. Ce tableau aide l'équipe à "
                "voir les retards venir et à organiser des chantiers participatifs pour les "
                "finitions.</p>",
            ),
        ],
        "files": [
            {
                "slug": "tableau-suivi-travaux",
                "title": "Tableau de suivi des travaux",
                "kind": "csv",
                "content": [
                    [
                        "Lot",
                        "Entreprise ou bénévoles",
                        "Début prévu",
                        "Fin prévue",
                        "Fin réelle",
                        "Remarques",
                    ],
                    ["Démolition", "", "", "", "", ""],
                    ["Électricité", "", "", "", "", ""],
                    ["Extraction", "", "", "", "", ""],
                    ["Peinture (chantier participatif)", "", "", "", "", ""],
                ],
            }
        ],
    },
    {
        "slug": "fiche-de-poste-responsable-de-cantine",
        "title": "Fiche de poste du ou de la responsable de cantine",
        "type": "template",
        "stages": ["recrutement"],
        "tags": ["recrutement", "posture employeur"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-09-25",
        "summary": "Les missions du premier salarié : animer la cuisine, accueillir les "
        "convives, veiller à la diversité et tenir la gestion courante.",
        "body": [
            (
                "p",
                "<p>Le ou la responsable de cantine n'est ni un chef ni un gestionnaire : "
                "c'est un chef d'orchestre qui fait en sorte que chacun trouve sa place. La "
                "fiche de poste doit le dire clairement.</p>",
            ),
        ],
        "files": [
            {
                "slug": "modele-fiche-de-poste",
                "title": "Modèle de fiche de poste",
                "kind": "odt",
                "content": [
                    "## Missions",
                    "- Animer la cuisine avec les habitants bénévoles.",
                    "- Accueillir chaque convive et veiller à la diversité du public.",
                    "- Gérer les achats, l'hygiène et la caisse à prix libre.",
                    "## Profil",
                    "Goût du contact, expérience de la cuisine collective appréciée.",
                ],
            }
        ],
        "deliverable": ("recrutement", "Fiche de poste"),
    },
    {
        "slug": "recruter-son-premier-salarie",
        "title": "Recruter et accueillir son premier salarié",
        "type": "guide",
        "stages": ["recrutement"],
        "tags": ["recrutement", "posture employeur"],
        "audience": "board",
        "members": False,
        "reviewed": "2026-06-06",
        "summary": "Passer de bénévoles à employeurs : diffusion de l'offre, entretiens, "
        "contrat, et la posture d'employeur au quotidien.",
        "body": [
            (
                "p",
                "<p>Devenir employeur change la vie de l'association. Il faut un "
                "interlocuteur clair pour le salarié, des entretiens réguliers et des "
                "décisions prises par l'instance prévue dans les statuts.</p>",
            ),
            (
                "tip",
                "Un binôme employeur",
                "<p>Désignez deux administrateurs qui suivent le "
                "salarié : l'un pour le quotidien, l'autre pour les questions de contrat.</p>",
            ),
        ],
        "files": [],
    },
    {
        "slug": "grille-d-entretien-d-embauche",
        "title": "Grille d'entretien d'embauche",
        "type": "checklist",
        "stages": ["recrutement"],
        "tags": ["recrutement"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-06-06",
        "summary": "Les questions à poser et les critères à noter pour comparer les "
        "candidatures au poste de responsable de cantine.",
        "body": [
            (
                "p",
                "<p>Mener les entretiens à deux ou trois, avec la même grille, rend la "
                "comparaison plus juste et la décision plus facile à expliquer.</p>",
            ),
        ],
        "files": [
            {
                "slug": "grille-entretien",
                "title": "Grille d'entretien",
                "kind": "pdf",
                "content": [
                    "- Racontez un repas collectif que vous avez animé.",
                    "- Comment accueilleriez-vous un convive qui reste à l'écart ?",
                    "- Quelle expérience avez-vous de l'hygiène en cuisine ?",
                    "- Comment gérez-vous un désaccord avec un bénévole ?",
                    "Critères : accueil, organisation, cuisine, gestion, travail en équipe.",
                ],
            }
        ],
    },
    {
        "slug": "quinze-jours-avant-l-ouverture",
        "title": "Les quinze jours avant l'ouverture",
        "type": "checklist",
        "stages": ["ouverture"],
        "tags": ["ouverture", "sécurité sanitaire"],
        "audience": "team",
        "members": False,
        "reviewed": "2026-10-15",
        "summary": "Déclarations, assurance, premiers achats, repas de rodage : la liste "
        "des tâches des deux dernières semaines.",
        "body": [
            (
                "p",
                "<p>Les derniers jours passent très vite. Cette liste vient des équipes qui "
                "ont ouvert récemment et de la journée de formation « préparer l'ouverture ».</p>",
            ),
        ],
        "files": [
            {
                "slug": "check-list-ouverture",
                "title": "Check-list d'ouverture",
                "kind": "pdf",
                "content": [
                    "- Déclaration auprès des services de contrôle sanitaire envoyée.",
                    "- Attestation d'assurance reçue.",
                    "- Plan de maîtrise sanitaire affiché en cuisine.",
                    "- Deux repas de rodage avec le premier cercle.",
                    "- Invitation des voisins, des partenaires et des élus.",
                ],
            }
        ],
    },
    {
        "slug": "securite-sanitaire-en-cuisine-partagee",
        "title": "La sécurité sanitaire en cuisine partagée",
        "type": "video",
        "stages": ["ouverture", "cantine-ouverte"],
        "tags": ["sécurité sanitaire", "hygiène", "cuisine"],
        "audience": "kitchen",
        "members": False,
        "reviewed": "2026-08-01",
        "summary": "Une vidéo de dix minutes pour accueillir les bénévoles en cuisine : "
        "lavage des mains, températures, allergènes.",
        "body": [
            (
                "p",
                "<p>Cette vidéo est pensée pour être montrée aux nouveaux bénévoles. Elle "
                "reprend les gestes d'hygiène de base et explique pourquoi chacun compte dans "
                "une cuisine où les cuisiniers changent tous les jours.</p>",
            ),
            ("h", "Les gestes montrés"),
            (
                "p",
                "<ol><li>Se laver les mains en arrivant et après chaque pause.</li>"
                "<li>Relever les températures des frigos.</li>"
                "<li>Signaler les allergènes de chaque plat.</li></ol>",
            ),
        ],
        "files": [],
        "links": [("Voir la vidéo", "https://video.example.org/securite-sanitaire")],
    },
    {
        "slug": "declaration-et-assurance-exemple",
        "title": "Déclaration sanitaire et assurance : un dossier réel",
        "type": "example",
        "stages": ["ouverture"],
        "tags": ["juridique", "sécurité sanitaire"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-04-28",
        "summary": "Le dossier complet d'une équipe : déclaration auprès des services de "
        "contrôle, attestation d'assurance, réponses aux questions de l'inspecteur.",
        "body": [
            (
                "p",
                "<p>Le jour de la visite de contrôle, l'inspectrice a surtout regardé les "
                "relevés de températures et la formation des bénévoles. Ce dossier montre ce "
                "que l'équipe avait préparé.</p>",
            ),
        ],
        "files": [],
        "deliverable": ("ouverture", "Déclaration auprès de la DDPP"),
    },
    {
        "slug": "garder-des-convives-varies",
        "title": "Garder des convives variés",
        "type": "guide",
        "stages": ["cantine-ouverte"],
        "tags": ["diversité", "accueil"],
        "audience": "manager",
        "members": False,
        "reviewed": "2026-10-18",
        "summary": "Quand une cantine marche, elle risque de n'accueillir plus qu'un seul "
        "public. Des idées pour que tous les voisins continuent de pousser la porte.",
        "body": [
            (
                "p",
                "<p>La force d'une cantine de quartier, c'est de réunir des personnes qui "
                "ne se seraient jamais rencontrées. Cette diversité ne se maintient pas toute "
                "seule : elle demande une attention de chaque semaine.</p>",
            ),
            ("h", "Des pistes qui marchent"),
            (
                "p",
                "<ul><li>Aller chercher de nouveaux convives avec les partenaires.</li>"
                "<li>Varier les horaires et les activités.</li>"
                "<li>Proposer à chacun un rôle, même petit, en cuisine.</li></ul>",
            ),
            (
                "quote",
                "Ici, personne ne te demande ce que tu fais dans la vie. On te demande "
                "si tu sais éplucher les carottes.",
                "Samir",
                "convive devenu bénévole",
            ),
        ],
        "files": [],
    },
    {
        "slug": "releve-des-repas-et-contributions",
        "title": "Relevé des repas et des contributions",
        "type": "template",
        "stages": ["cantine-ouverte", "ouverture"],
        "tags": ["prix libre", "gestion"],
        "audience": "manager",
        "members": True,
        "reviewed": "2026-09-08",
        "summary": "Le tableau de suivi quotidien : nombre de repas, de cuisiniers bénévoles "
        "et total des contributions à prix libre.",
        "body": [
            (
                "p",
                "<p>Rempli chaque jour en quelques minutes, ce relevé alimente le bilan "
                "annuel et les demandes de subvention.</p>",
            ),
        ],
        "files": [
            {
                "slug": "releve-quotidien",
                "title": "Relevé quotidien (tableur)",
                "kind": "csv",
                "content": [
                    ["Date", "Repas servis", "Cuisiniers bénévoles", "Contributions (€)"],
                ],
                "v2": {
                    "note": "Nouvelle colonne pour les nouveaux convives du jour.",
                    "content": [
                        [
                            "Date",
                            "Repas servis",
                            "Dont nouveaux convives",
                            "Cuisiniers bénévoles",
                            "Contributions (€)",
                        ],
                    ],
                },
            }
        ],
    },
    {
        "slug": "bilan-des-six-premiers-mois",
        "title": "Bilan des six premiers mois : un exemple",
        "type": "example",
        "stages": ["cantine-ouverte"],
        "tags": ["gestion", "témoignage"],
        "audience": "board",
        "members": True,
        "reviewed": "2026-07-27",
        "summary": "Le bilan rédigé par une équipe après six mois d'ouverture : chiffres, "
        "réussites, difficultés et ce qu'elle change pour la suite.",
        "body": [
            (
                "p",
                "<p>Le bilan des six mois est l'occasion de regarder ensemble le chemin "
                "parcouru : le nombre de repas, la diversité des convives, l'équilibre "
                "financier et l'énergie de l'équipe.</p>",
            ),
        ],
        "files": [
            {
                "slug": "exemple-bilan-six-mois",
                "title": "Bilan des six premiers mois",
                "kind": "pdf",
                "content": [
                    "En six mois, la cantine a servi plusieurs milliers de repas, préparés "
                    "chaque jour avec des habitants bénévoles.",
                    "Réussites : une équipe de cuisiniers fidèles, des convives de tous âges.",
                    "Difficultés : la fatigue de l'équipe fondatrice, un été plus calme.",
                    "Pour la suite : un second temps de repas le soir, une fois par semaine.",
                ],
            }
        ],
        "deliverable": ("cantine-ouverte", "Bilan des six premiers mois"),
    },
    {
        "slug": "accueillir-chacun-tel-qu-il-est",
        "title": "Accueillir chacun tel qu'il est",
        "type": "video",
        "stages": ["cantine-ouverte", "recrutement"],
        "tags": ["accueil", "diversité"],
        "audience": "manager",
        "members": True,
        "reviewed": "2026-05-19",
        "summary": "Des responsables de cantine racontent leur façon d'accueillir : le "
        "prénom, la première tâche, la place à table.",
        "body": [
            (
                "p",
                "<p>Presque tous les convives disent se sentir accueillis tels qu'ils sont. "
                "Dans cette vidéo, trois responsables expliquent les petits gestes qui rendent "
                "cela possible.</p>",
            ),
        ],
        "files": [],
        "links": [("Voir la vidéo", "https://video.example.org/accueil")],
    },
]
