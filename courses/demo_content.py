"""French demo courses of the training track, written for this site (see courses.demo).

Each lesson body is a list of blocks made with the small helpers below; `courses.demo` turns
them into StreamField data with stable ids.
"""


def p(*paragraphs):
    return ("paragraph", {"text": "".join(f"<p>{text}</p>" for text in paragraphs)})


def ul(intro, items):
    html = (f"<p>{intro}</p>" if intro else "") + "<ul>"
    html += "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return ("paragraph", {"text": html})


def h(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def image(key, alt, caption="", credit=""):
    return ("image", {"image": key, "alt_text": alt, "caption": caption, "credit": credit})


def video(key, title, transcript):
    return ("video", {"video": key, "title": title, "transcript": f"<p>{transcript}</p>"})


def document(key, title, description):
    return ("document", {"document": key, "title": title, "description": description})


def callout(kind, title, text):
    return ("callout", {"kind": kind, "title": title, "text": f"<p>{text}</p>"})


def quote(text, author, role=""):
    return ("quote", {"quote": text, "author": author, "role": role})


def exercise(title, prompt):
    return ("exercise", {"title": title, "prompt": f"<p>{prompt}</p>"})


def question(text, choices, explanation, multiple=False):
    """choices: [(text, correct)]"""
    return {"question": text, "multiple": multiple, "choices": choices, "explanation": explanation}


def quiz(title, questions, pass_mark=70, intro=""):
    value = {"title": title, "intro": intro, "pass_mark": pass_mark, "questions": questions}
    return ("quiz", value)


IMAGES = {
    "tablee": ("Une grande tablée de voisins", (166, 60, 26), (246, 239, 226)),
    "cuisine": ("La cuisine ouverte d'une cantine", (47, 107, 79), (227, 243, 234)),
    "cercle": ("Un cercle de parole en réunion d'équipe", (125, 44, 18), (251, 227, 207)),
    "tirelire": ("La boîte à contributions du prix libre", (138, 90, 0), (255, 241, 214)),
    "plan": ("Le plan de travail et la marche en avant", (26, 79, 181), (232, 239, 252)),
    "accueil": ("L'accueil des convives à l'entrée", (92, 79, 67), (253, 245, 234)),
}

DOCUMENTS = {
    "pms": (
        "Trame de plan de maîtrise sanitaire",
        "Trame de plan de maîtrise sanitaire - a adapter a votre cuisine",
    ),
    "gouvernance": (
        "Fiche mémo : décider par consentement",
        "Decider par consentement - proposition, clarification, reactions, objections",
    ),
    "ouverture": (
        "Rétroplanning des huit semaines avant l'ouverture",
        "Retroplanning de l'ouverture - semaine par semaine",
    ),
}

VIDEOS = {
    "journee": (
        "https://videos.example.org/w/une-journee-a-la-cantine",
        "Une journée dans une cantine de quartier",
    ),
    "prix-libre": (
        "https://videos.example.org/w/le-prix-libre-explique",
        "Le prix libre expliqué par une équipe",
    ),
}

GOUVERNANCE = {
    "slug": "gouvernance-partagee",
    "title": "Gouvernance partagée et intelligence collective",
    "summary": "La première journée de formation : apprendre à décider ensemble, à répartir les "
    "rôles et à faire de la place aux talents de chacun dans l'équipe projet.",
    "description": "<p>Une cantine de quartier naît d'un collectif d'habitants. Pour qu'il tienne "
    "dans la durée, il faut des règles du jeu claires : qui décide quoi, comment on se parle, "
    "comment on accueille les nouveaux. Ce parcours reprend la journée que le réseau organise "
    "pour les équipes en création.</p>",
    "audience": "Toute l'équipe projet, y compris les voisins qui viennent d'arriver",
    "duration": 420,
    "objectives": [
        "Distinguer les décisions à prendre en équipe et celles que l'on délègue",
        "Animer une prise de décision par consentement",
        "Répartir des rôles tournants dans l'équipe",
        "Traverser un désaccord sans perdre personne en route",
    ],
    "tags": ["Gouvernance", "Vie d'équipe"],
    "access": "members",
    "ordered": False,
    "prerequisites": [],
    "stages": ["premier-cercle", "association-gouvernance"],
    "image": "cercle",
    "lessons": [
        {
            "slug": "pourquoi-gouverner-ensemble",
            "title": "Pourquoi gouverner ensemble ?",
            "summary": "Ce que la gouvernance partagée change pour une cantine.",
            "duration": 30,
            "body": [
                p(
                    "Dans une cantine du réseau, personne n'est propriétaire du projet. Les "
                    "voisins qui le portent ont des disponibilités, des envies et des savoir-faire "
                    "très différents : une retraitée qui connaît tout le quartier, un étudiant à "
                    "l'aise avec les tableurs, une mère de famille qui cuisine pour vingt.",
                    "La gouvernance partagée, c'est l'ensemble des règles qui permettent à ces "
                    "personnes de décider ensemble sans tout décider à dix.",
                ),
                image(
                    "cercle",
                    "Huit personnes assises en cercle sur des chaises dépareillées, "
                    "l'une d'elles parle en tenant un carnet.",
                    "Une réunion d'équipe en cercle, chacun à égale distance du centre.",
                ),
                quote(
                    "Au début, on votait tout à main levée. On passait trois heures sur la "
                    "couleur des tabliers et personne n'osait parler du budget.",
                    "Sylvie",
                    "membre fondatrice d'une équipe projet",
                ),
                callout(
                    "tip",
                    "Repère",
                    "Une bonne règle de départ : l'équipe décide des orientations, les petits "
                    "groupes décident de la mise en œuvre.",
                ),
                exercise(
                    "Ce qui nous réunit",
                    "Chaque membre de l'équipe écrit en une phrase pourquoi il ou elle s'engage "
                    "dans la cantine. Rassemblez vos phrases ici : vous les relirez dans six "
                    "mois.",
                ),
            ],
        },
        {
            "slug": "decider-par-consentement",
            "title": "Décider par consentement",
            "summary": "Une méthode simple pour avancer sans vote ni unanimité.",
            "duration": 45,
            "body": [
                h("Consentement n'est pas consensus"),
                p(
                    "Chercher le consensus, c'est attendre que tout le monde soit d'accord. "
                    "Décider par consentement, c'est vérifier que personne n'a d'objection "
                    "grave : la proposition est assez bonne pour être essayée, et assez sûre "
                    "pour ne mettre personne en difficulté."
                ),
                h("Les quatre temps"),
                ul(
                    "",
                    [
                        "<b>Proposition</b> : une personne présente une idée concrète.",
                        "<b>Clarification</b> : on pose des questions, sans donner d'avis.",
                        "<b>Réactions</b> : chacun dit ce qu'il en pense, en un tour de parole.",
                        "<b>Objections</b> : une objection doit dire en quoi la proposition "
                        "nuit au projet, et elle sert à l'améliorer.",
                    ],
                ),
                document(
                    "gouvernance",
                    "",
                    "Une page à imprimer et à poser sur la table pendant vos réunions.",
                ),
                callout(
                    "canteen",
                    "À la cantine",
                    "Une équipe a choisi ses horaires d'ouverture par consentement en vingt "
                    "minutes, après trois réunions sans conclusion en votant.",
                ),
                quiz(
                    "Avez-vous saisi la différence ?",
                    [
                        question(
                            "Une décision par consentement est prise quand…",
                            [
                                ("tout le monde est enthousiaste", False),
                                ("personne n'a d'objection grave", True),
                                ("la majorité a levé la main", False),
                            ],
                            "<p>On ne cherche pas l'enthousiasme de tous : on vérifie "
                            "qu'aucune objection sérieuse ne reste sans réponse.</p>",
                        ),
                        question(
                            "Pendant le tour de clarification, on peut…",
                            [
                                ("poser des questions sur la proposition", True),
                                ("dire que l'idée est mauvaise", False),
                                ("proposer une autre idée", False),
                            ],
                            "<p>Les avis viennent au tour suivant : clarifier d'abord évite "
                            "de réagir à une idée mal comprise.</p>",
                        ),
                        question(
                            "Qu'est-ce qu'une objection utile ?",
                            [
                                ("Elle explique en quoi la proposition nuit au projet", True),
                                ("Elle aide à améliorer la proposition", True),
                                ("Elle exprime une simple préférence", False),
                            ],
                            "<p>Une préférence s'exprime au tour des réactions ; une "
                            "objection argumente un risque pour le projet.</p>",
                            multiple=True,
                        ),
                    ],
                    pass_mark=66,
                ),
            ],
        },
        {
            "slug": "roles-tournants",
            "title": "Des rôles tournants",
            "summary": "Animer, prendre des notes, garder le temps : partager les rôles.",
            "duration": 30,
            "body": [
                p(
                    "Une réunion a besoin de quelques rôles : une personne qui anime, une qui "
                    "garde le temps, une qui note les décisions. Les faire tourner évite que "
                    "les mêmes personnes portent tout, et chacun apprend en le faisant."
                ),
                callout(
                    "warning",
                    "Attention",
                    "Le relevé de décisions est la mémoire de l'équipe : sans lui, les "
                    "nouveaux arrivants ne savent pas ce qui a déjà été tranché.",
                ),
                exercise(
                    "Notre tableau des rôles",
                    "Listez les rôles dont vos réunions ont besoin et qui les tiendra lors "
                    "des trois prochaines rencontres.",
                ),
            ],
        },
        {
            "slug": "faire-place-aux-talents",
            "title": "Faire de la place aux talents de chacun",
            "summary": "Repérer ce que chacun sait faire et aime faire.",
            "duration": 30,
            "body": [
                p(
                    "Dans un quartier, les compétences ne manquent pas : elles ne sont "
                    "simplement pas visibles. Une cartographie des talents, faite en équipe, "
                    "révèle souvent une comptable, un bricoleur ou une photographe.",
                ),
                quote(
                    "Je pensais ne rien savoir faire d'utile. On m'a confié l'accueil des "
                    "enfants pendant les réunions, et j'ai fini par animer l'atelier pâtisserie.",
                    "Amina",
                    "voisine devenue bénévole",
                ),
                quiz(
                    "Petit point d'étape",
                    [
                        question(
                            "À quoi sert une cartographie des talents ?",
                            [
                                ("À classer les membres de l'équipe", False),
                                ("À rendre visibles des compétences cachées", True),
                                ("À choisir qui sera président", False),
                            ],
                            "<p>Elle sert à confier à chacun une place où il se sent utile, "
                            "pas à évaluer les personnes.</p>",
                        ),
                    ],
                    pass_mark=100,
                ),
            ],
        },
        {
            "slug": "traverser-les-desaccords",
            "title": "Traverser les désaccords",
            "summary": "Quand l'équipe n'est pas d'accord : écouter, nommer, décider.",
            "duration": 40,
            "body": [
                h("Un désaccord n'est pas un conflit"),
                p(
                    "Les désaccords sont le signe d'une équipe vivante. Ils deviennent des "
                    "conflits quand ils ne sont pas dits, ou quand ils visent des personnes "
                    "plutôt que des idées."
                ),
                h("Trois réflexes", "h3"),
                ul(
                    "",
                    [
                        "Reformuler la position de l'autre avant de répondre.",
                        "Séparer les faits, les ressentis et les demandes.",
                        "Se donner rendez-vous si la décision peut attendre une semaine.",
                    ],
                ),
                callout(
                    "canteen",
                    "À la cantine",
                    "Une équipe a instauré un « quart d'heure météo » en début de réunion : "
                    "chacun dit en une phrase comment il arrive.",
                ),
            ],
        },
        {
            "slug": "accueillir-les-nouveaux",
            "title": "Accueillir les nouveaux dans l'équipe",
            "summary": "Un projet ouvert se prépare à accueillir sans cesse.",
            "duration": 30,
            "body": [
                p(
                    "Un nouveau voisin qui arrive en réunion ne connaît ni l'histoire du "
                    "projet, ni son vocabulaire. Prévoyez un binôme d'accueil et un résumé "
                    "des décisions déjà prises."
                ),
                exercise(
                    "Notre kit d'accueil",
                    "Rédigez ensemble le message que vous enverrez à une personne qui "
                    "souhaite rejoindre l'équipe.",
                ),
            ],
        },
    ],
}

PRIX_LIBRE = {
    "slug": "le-prix-libre",
    "title": "Le prix libre, comment ça marche",
    "summary": "Chacun paie ce qu'il peut : pourquoi ce choix, et comment le rendre viable.",
    "description": "<p>Le prix libre est au cœur des cantines : il permet à chacun de venir "
    "sans avoir à se justifier. Ce module, ouvert à tous, explique le principe et la façon "
    "dont les équipes le présentent aux convives.</p>",
    "audience": "Toute personne curieuse, équipes projet, futurs responsables de cantine",
    "duration": 90,
    "objectives": [
        "Expliquer le prix libre en quelques phrases à un convive",
        "Comprendre comment les contributions couvrent le fonctionnement",
        "Présenter la contribution sans gêner personne",
    ],
    "tags": ["Modèle économique", "Accueil"],
    "access": "public",
    "ordered": False,
    "prerequisites": [],
    "stages": ["financement-modele", "cantine-ouverte"],
    "image": "tirelire",
    "lessons": [
        {
            "slug": "le-principe",
            "title": "Le principe",
            "summary": "Payer selon ses moyens, sans justification.",
            "duration": 20,
            "body": [
                p(
                    "Dans une cantine du réseau, il n'y a pas de prix affiché pour le repas. "
                    "Chaque convive donne ce qu'il peut et ce qu'il estime juste. Personne ne "
                    "vérifie, personne ne commente.",
                    "Ce choix permet à des personnes de tous horizons de partager la même "
                    "table : c'est la condition pour que la cantine soit un lieu de rencontre.",
                ),
                video(
                    "prix-libre",
                    "Le prix libre expliqué par une équipe",
                    "Deux membres d'une équipe racontent comment ils présentent le prix libre "
                    "aux convives le premier jour, et ce qu'ils ont appris au bout d'un an.",
                ),
            ],
        },
        {
            "slug": "un-modele-qui-tient",
            "title": "Un modèle qui tient",
            "summary": "Les contributions des convives couvrent l'essentiel du fonctionnement.",
            "duration": 25,
            "body": [
                p(
                    "Le prix libre n'est pas la gratuité. Dans les cantines ouvertes, les "
                    "contributions des convives couvrent la plus grande partie des frais de "
                    "fonctionnement. Le reste vient de partenaires et de mécènes."
                ),
                image(
                    "tirelire",
                    "Une boîte en bois posée près de la sortie, avec une ardoise qui dit "
                    "« Merci pour votre contribution ».",
                    "La boîte à contributions, à la sortie plutôt qu'à l'entrée.",
                ),
                callout(
                    "tip",
                    "Astuce",
                    "Afficher une fois par mois ce que coûte réellement un repas aide les "
                    "convives à situer leur contribution, sans jamais l'imposer.",
                ),
            ],
        },
        {
            "slug": "presenter-la-contribution",
            "title": "Présenter la contribution",
            "summary": "Les mots qui mettent à l'aise.",
            "duration": 20,
            "body": [
                quote(
                    "Le premier jour, j'ai donné deux euros en m'excusant. La responsable m'a "
                    "juste dit : « merci, à mardi ». Je suis revenu.",
                    "Patrick",
                    "convive",
                ),
                callout(
                    "warning",
                    "À éviter",
                    "Ne jamais commenter un montant, ni en plus ni en moins : la "
                    "contribution reste l'affaire de chacun.",
                ),
            ],
        },
        {
            "slug": "quiz-prix-libre",
            "title": "Le prix libre en questions",
            "summary": "Vérifiez ce que vous avez retenu.",
            "duration": 15,
            "body": [
                quiz(
                    "Le prix libre en questions",
                    [
                        question(
                            "Qui fixe le montant payé pour un repas ?",
                            [
                                ("La personne responsable de la cantine", False),
                                ("Chaque convive, selon ses moyens", True),
                                ("Le conseil d'administration", False),
                            ],
                            "<p>Chaque convive choisit, sans avoir à se justifier.</p>",
                        ),
                        question(
                            "Le prix libre veut dire que le repas est gratuit.",
                            [("Vrai", False), ("Faux", True)],
                            "<p>Les contributions couvrent l'essentiel du fonctionnement : "
                            "le prix libre n'est pas la gratuité.</p>",
                        ),
                        question(
                            "Quelles attitudes aident les convives ?",
                            [
                                ("Expliquer ce que coûte un repas, sans l'imposer", True),
                                ("Remercier quel que soit le montant", True),
                                ("Suggérer un montant minimum", False),
                            ],
                            "<p>Informer et remercier, oui ; fixer un minimum reviendrait à "
                            "afficher un prix.</p>",
                            multiple=True,
                        ),
                    ],
                ),
            ],
        },
    ],
}

PMS = {
    "slug": "plan-de-maitrise-sanitaire",
    "title": "Le plan de maîtrise sanitaire",
    "summary": "Cuisiner à vingt en toute sécurité : les règles d'hygiène d'une cuisine "
    "partagée et le document qui les décrit.",
    "description": "<p>Une cantine reçoit du public et cuisine avec des bénévoles. Elle doit "
    "disposer d'un plan de maîtrise sanitaire, le PMS, et le faire vivre au quotidien. Ce "
    "parcours donne les bases et une trame à compléter.</p>",
    "audience": "Futurs responsables de cantine et bénévoles référents cuisine",
    "duration": 180,
    "objectives": [
        "Connaître les bonnes pratiques d'hygiène d'une cuisine collective",
        "Organiser la marche en avant dans votre local",
        "Rédiger les premières fiches de votre plan de maîtrise sanitaire",
    ],
    "tags": ["Cuisine", "Hygiène"],
    "access": "members",
    "ordered": False,
    "prerequisites": [],
    "stages": ["travaux-amenagement", "ouverture"],
    "image": "plan",
    "lessons": [
        {
            "slug": "a-quoi-sert-le-pms",
            "title": "À quoi sert le PMS ?",
            "summary": "Le document qui prouve que la cuisine est maîtrisée.",
            "duration": 30,
            "body": [
                p(
                    "Le plan de maîtrise sanitaire rassemble les mesures que la cantine prend "
                    "pour servir des repas sûrs : hygiène des personnes, nettoyage, "
                    "températures, traçabilité des produits, gestion des allergènes.",
                    "C'est aussi le document que les services de contrôle demandent lors "
                    "d'une visite.",
                ),
                document(
                    "pms",
                    "",
                    "La trame que les cantines du réseau adaptent à leur local.",
                ),
            ],
        },
        {
            "slug": "la-marche-en-avant",
            "title": "La marche en avant",
            "summary": "Du sale vers le propre, sans jamais revenir en arrière.",
            "duration": 35,
            "body": [
                image(
                    "plan",
                    "Plan d'une cuisine : réception des produits, stockage, préparation, "
                    "cuisson, service et plonge, reliés par des flèches dans un seul sens.",
                    "La marche en avant dans une cuisine de cantine.",
                ),
                p(
                    "Les produits entrent d'un côté, les assiettes sortent de l'autre : les "
                    "circuits du propre et du sale ne se croisent pas. Quand le local ne le "
                    "permet pas, on sépare les opérations dans le temps."
                ),
                callout(
                    "canteen",
                    "À la cantine",
                    "Dans une petite cuisine, l'équipe épluche les légumes avant l'arrivée "
                    "des bénévoles du jour, puis nettoie le plan de travail avant la "
                    "préparation des plats.",
                ),
            ],
        },
        {
            "slug": "temperatures-et-tracabilite",
            "title": "Températures et traçabilité",
            "summary": "Ce qu'on note chaque jour, et pourquoi.",
            "duration": 35,
            "body": [
                ul(
                    "Chaque jour de service, on relève :",
                    [
                        "la température des frigos à l'ouverture ;",
                        "la température à cœur des plats en fin de cuisson ;",
                        "les étiquettes des produits utilisés, gardées quelques jours.",
                    ],
                ),
                callout(
                    "warning",
                    "Attention",
                    "Les restes d'un plat servi tiède ne se resservent pas le lendemain.",
                ),
                quiz(
                    "Les bons réflexes",
                    [
                        question(
                            "Pourquoi garder les étiquettes des produits utilisés ?",
                            [
                                ("Pour retrouver l'origine d'un produit en cas de problème", True),
                                ("Pour calculer le prix du repas", False),
                                ("Pour les montrer aux convives", False),
                            ],
                            "<p>C'est la traçabilité : en cas d'alerte, on sait quel lot a "
                            "été servi et à quelle date.</p>",
                        ),
                        question(
                            "Que relève-t-on à l'ouverture de la cuisine ?",
                            [
                                ("Le nombre de convives attendus", False),
                                ("La température des réfrigérateurs", True),
                                ("Le montant des contributions de la veille", False),
                            ],
                            "<p>Un frigo trop chaud pendant la nuit change la façon dont on "
                            "utilise les produits du jour.</p>",
                        ),
                    ],
                ),
            ],
        },
        {
            "slug": "allergenes",
            "title": "Informer sur les allergènes",
            "summary": "Quatorze allergènes à signaler aux convives.",
            "duration": 25,
            "body": [
                p(
                    "La réglementation impose d'informer les convives sur les allergènes "
                    "majeurs présents dans les plats. Une ardoise près du service, mise à jour "
                    "par l'équipe du jour, suffit souvent."
                ),
                quote(
                    "Depuis qu'on écrit les allergènes sur l'ardoise, les parents nous "
                    "confient leurs enfants bien plus facilement.",
                    "Claire",
                    "responsable de cantine",
                ),
            ],
        },
        {
            "slug": "ecrire-son-pms",
            "title": "Écrire son PMS en équipe",
            "summary": "Adapter la trame à votre cuisine.",
            "duration": 55,
            "body": [
                p(
                    "Partez de la trame du réseau, faites le tour de votre local avec elle, "
                    "et notez ce qui diffère. Le PMS doit décrire ce que vous faites vraiment."
                ),
                exercise(
                    "Ce qui manque à notre cuisine",
                    "Après votre visite du local, listez les points de la trame qui ne "
                    "correspondent pas encore à votre cuisine et qui s'en occupe.",
                ),
            ],
        },
    ],
}

ACCUEIL = {
    "slug": "posture-d-accueil",
    "title": "La posture d'accueil du ou de la responsable de cantine",
    "summary": "Faire en sorte que chacun se sente attendu : le cœur du métier de "
    "responsable de cantine, étape par étape.",
    "description": "<p>La personne responsable de la cantine cuisine, organise et gère. Mais "
    "son premier rôle est ailleurs : que chaque convive, habitué ou nouveau venu, se sente "
    "chez lui. Ce parcours se suit dans l'ordre.</p>",
    "audience": "Responsables de cantine recrutés ou en cours de recrutement, bénévoles d'accueil",
    "duration": 150,
    "objectives": [
        "Accueillir chaque convive par son prénom dès la deuxième visite",
        "Donner une place en cuisine à ceux qui le souhaitent",
        "Repérer et accompagner les personnes isolées",
    ],
    "tags": ["Accueil", "Métier"],
    "access": "members",
    "ordered": True,
    "prerequisites": [],
    "stages": ["recrutement", "cantine-ouverte"],
    "image": "accueil",
    "lessons": [
        {
            "slug": "etre-attendu",
            "title": "Se sentir attendu",
            "summary": "Les premières secondes comptent.",
            "duration": 25,
            "body": [
                p(
                    "Un bonjour, un regard, un prénom retenu : c'est à l'entrée que se joue "
                    "l'essentiel. Les convives disent presque tous s'être sentis accueillis "
                    "tels qu'ils sont, et c'est le fruit d'une attention de chaque instant.",
                ),
                image(
                    "accueil",
                    "Une responsable de cantine accueille deux convives à la porte, "
                    "un tablier sur l'épaule.",
                    "L'accueil à l'entrée, avant même de parler du repas.",
                ),
                video(
                    "journee",
                    "Une journée dans une cantine de quartier",
                    "De l'arrivée des premiers bénévoles à 9 heures jusqu'à la dernière "
                    "vaisselle, une responsable de cantine raconte sa journée et ses gestes "
                    "d'accueil.",
                ),
            ],
        },
        {
            "slug": "cuisiner-avec-les-convives",
            "title": "Cuisiner avec les convives",
            "summary": "Donner une tâche à qui le souhaite, sans jamais l'imposer.",
            "duration": 30,
            "body": [
                p(
                    "Les convives qui le veulent participent à la préparation du repas. Le "
                    "responsable prépare à l'avance des tâches de toutes tailles : éplucher, "
                    "goûter, dresser, mettre la table."
                ),
                callout(
                    "tip",
                    "Astuce",
                    "Gardez toujours une tâche simple en réserve pour la personne qui arrive "
                    "en retard et n'ose pas demander.",
                ),
            ],
        },
        {
            "slug": "personnes-isolees",
            "title": "Repérer les personnes isolées",
            "summary": "Être attentif à ceux qui restent à l'écart.",
            "duration": 30,
            "body": [
                quote(
                    "La solitude, tout le monde la traverse un jour. L'isolement, c'est "
                    "quand on se sent exclu. À table, on peut y faire quelque chose.",
                    "Une responsable de cantine",
                ),
                p(
                    "Placer une personne seule à côté d'un habitué bavard, lui demander un "
                    "coup de main, l'inviter à revenir : de petits gestes qui changent tout."
                ),
            ],
        },
        {
            "slug": "tenir-la-posture",
            "title": "Tenir la posture dans la durée",
            "summary": "Prendre soin de soi pour prendre soin des autres.",
            "duration": 30,
            "body": [
                callout(
                    "warning",
                    "Attention",
                    "Un responsable épuisé n'accueille plus personne. Organisez des relais "
                    "et des temps sans service.",
                ),
                quiz(
                    "La posture d'accueil",
                    [
                        question(
                            "Quel est le premier rôle du ou de la responsable de cantine ?",
                            [
                                ("Que chacun se sente accueilli tel qu'il est", True),
                                ("Cuisiner le plus vite possible", False),
                                ("Encaisser les contributions", False),
                            ],
                            "<p>Cuisiner et gérer comptent, mais l'accueil vient d'abord.</p>",
                        ),
                        question(
                            "Un convive arrive seul et reste près de la porte. Que faire ?",
                            [
                                ("Lui proposer une petite tâche", True),
                                ("Le présenter à un habitué", True),
                                ("Attendre qu'il demande quelque chose", False),
                            ],
                            "<p>Aller vers lui sans le brusquer : proposer, présenter, "
                            "puis laisser faire.</p>",
                            multiple=True,
                        ),
                    ],
                    pass_mark=50,
                ),
            ],
        },
    ],
}

COMMUNAUTE = {
    "slug": "communaute-diverse",
    "title": "Construire une communauté de convives diverse",
    "summary": "Faire venir à la même table des voisins qui ne se seraient jamais croisés.",
    "description": "<p>Une cantine n'est pas un projet social réservé à quelques-uns : c'est "
    "un lieu pour tout le quartier. Ce parcours aide l'équipe à aller chercher les convives "
    "là où ils sont, et à garder une table mélangée.</p>",
    "audience": "Équipes projet et cantines ouvertes",
    "duration": 120,
    "objectives": [
        "Dresser le portrait des habitants de votre quartier",
        "Nouer des partenariats avec les structures locales",
        "Suivre la diversité des convives sans ficher personne",
    ],
    "tags": ["Accueil", "Quartier"],
    "access": "members",
    "ordered": False,
    "prerequisites": [],
    "stages": ["premier-cercle", "cantine-ouverte"],
    "image": "tablee",
    "lessons": [
        {
            "slug": "portrait-du-quartier",
            "title": "Le portrait du quartier",
            "summary": "Qui habite ici, qui travaille ici, qui passe ici ?",
            "duration": 30,
            "body": [
                p(
                    "Avant d'inviter, il faut connaître. Faites la liste des lieux où se "
                    "croisent les habitants : école, marché, pharmacie, arrêt de bus, "
                    "associations sportives, maison de retraite."
                ),
                image(
                    "tablee",
                    "Une longue table où déjeunent ensemble des personnes de tous âges.",
                    "Une tablée mélangée : l'objectif de toute cantine.",
                ),
                exercise(
                    "Notre carte des lieux",
                    "Notez dix lieux de votre quartier où vous irez présenter la cantine, "
                    "et qui s'en charge.",
                ),
            ],
        },
        {
            "slug": "partenaires-locaux",
            "title": "Les partenaires locaux",
            "summary": "Centres sociaux, écoles, entreprises : ils vous amènent des convives.",
            "duration": 30,
            "body": [
                callout(
                    "canteen",
                    "À la cantine",
                    "Une cantine accueille chaque jeudi les salariés d'une entreprise voisine "
                    "qui viennent cuisiner avec les habitants : une table vraiment mélangée.",
                ),
                p(
                    "Un partenaire n'est pas seulement un financeur : c'est quelqu'un qui "
                    "parle de la cantine à des personnes que vous ne toucheriez pas seuls."
                ),
            ],
        },
        {
            "slug": "garder-la-table-melangee",
            "title": "Garder la table mélangée",
            "summary": "Quand les habitués prennent toute la place.",
            "duration": 30,
            "body": [
                quote(
                    "On croit connaître les autres, et puis on épluche des carottes à côté "
                    "d'eux. Beaucoup de convives disent avoir laissé tomber des idées toutes "
                    "faites.",
                    "Un bénévole",
                ),
                callout(
                    "tip",
                    "Repère",
                    "Demandez régulièrement aux convives comment ils ont connu la cantine : "
                    "la réponse dit où aller chercher les prochains.",
                ),
            ],
        },
        {
            "slug": "quiz-communaute",
            "title": "Faire le point",
            "summary": "Quelques questions pour vérifier vos repères.",
            "duration": 15,
            "body": [
                quiz(
                    "Une communauté diverse",
                    [
                        question(
                            "Une cantine du réseau s'adresse…",
                            [
                                ("aux personnes en difficulté uniquement", False),
                                ("à tous les habitants du quartier", True),
                                ("aux adhérents de l'association", False),
                            ],
                            "<p>C'est un projet pour toute la société, pas un service "
                            "réservé à un public.</p>",
                        ),
                        question(
                            "Comment savoir où chercher de nouveaux convives ?",
                            [
                                ("Demander aux convives comment ils ont connu la cantine", True),
                                ("Tenir un fichier détaillé des convives", False),
                            ],
                            "<p>Pas besoin de ficher qui que ce soit : une question simple, "
                            "posée régulièrement, suffit.</p>",
                        ),
                    ],
                ),
            ],
        },
    ],
}

OUVERTURE = {
    "slug": "preparer-l-ouverture",
    "title": "Préparer l'ouverture et les bonnes pratiques",
    "summary": "La seconde journée de formation : les dernières semaines avant d'ouvrir, "
    "la posture d'employeur et l'engagement des bénévoles dans la durée.",
    "description": "<p>Ouvrir une cantine, c'est passer d'un projet à un lieu qui accueille "
    "du public chaque jour. Ce parcours reprend la seconde journée de formation du réseau. Il "
    "suppose d'avoir suivi la journée sur la gouvernance partagée.</p>",
    "audience": "Équipes projet à quelques mois de l'ouverture",
    "duration": 420,
    "objectives": [
        "Construire le rétroplanning des huit dernières semaines",
        "Adopter une posture d'employeur juste avec le ou la responsable de cantine",
        "Entretenir l'engagement des bénévoles après l'ouverture",
        "Réussir la première semaine de service",
    ],
    "tags": ["Ouverture", "Vie d'équipe", "Métier"],
    "access": "members",
    "ordered": False,
    "prerequisites": ["gouvernance-partagee"],
    "stages": ["recrutement", "ouverture"],
    "image": "cuisine",
    "lessons": [
        {
            "slug": "retroplanning",
            "title": "Le rétroplanning des huit semaines",
            "summary": "Tout ce qui doit être prêt, semaine par semaine.",
            "duration": 45,
            "body": [
                p(
                    "Les dernières semaines passent très vite : assurance, PMS, "
                    "recrutement, commandes, communication. Un rétroplanning partagé évite "
                    "les oublis et répartit la charge."
                ),
                document(
                    "ouverture",
                    "",
                    "Un tableau à compléter en équipe, avec les échéances habituelles.",
                ),
            ],
        },
        {
            "slug": "posture-employeur",
            "title": "La posture d'employeur",
            "summary": "Une association de bénévoles qui emploie une personne.",
            "duration": 60,
            "body": [
                h("Qui fait quoi ?"),
                p(
                    "Le conseil d'administration fixe le cadre, le ou la responsable de "
                    "cantine organise le quotidien. Les bénévoles ne donnent pas d'ordres "
                    "au salarié : une personne référente fait le lien."
                ),
                callout(
                    "warning",
                    "Attention",
                    "Un entretien annuel et des horaires clairs protègent autant le salarié "
                    "que l'association.",
                ),
                quiz(
                    "Employeur, mode d'emploi",
                    [
                        question(
                            "Qui organise le travail quotidien de la cantine ?",
                            [
                                ("Chaque bénévole présent ce jour-là", False),
                                ("Le ou la responsable de cantine", True),
                                ("Le trésorier", False),
                            ],
                            "<p>Le cadre est fixé par le conseil d'administration ; le "
                            "quotidien revient au ou à la responsable.</p>",
                        ),
                    ],
                ),
            ],
        },
        {
            "slug": "engagement-dans-la-duree",
            "title": "L'engagement dans la durée",
            "summary": "Après l'ouverture, garder l'élan.",
            "duration": 45,
            "body": [
                quote(
                    "On s'est rassurés sur les bonnes pratiques, et surtout on a vu que "
                    "c'était possible : d'autres l'ont fait avant nous.",
                    "Un participant",
                    "journée de formation à Lyon",
                ),
                p(
                    "L'ouverture fatigue les équipes. Prévoyez dès maintenant des moments "
                    "conviviaux sans enjeu et un calendrier des permanences sur trois mois."
                ),
                exercise(
                    "Nos rendez-vous d'équipe",
                    "Fixez les trois moments conviviaux de l'équipe pour le premier "
                    "trimestre après l'ouverture.",
                ),
            ],
        },
        {
            "slug": "premiere-semaine",
            "title": "La première semaine de service",
            "summary": "Ouvrir doucement et apprendre vite.",
            "duration": 40,
            "body": [
                callout(
                    "canteen",
                    "À la cantine",
                    "Une équipe a ouvert une semaine « entre voisins » avant l'ouverture "
                    "officielle : trente couverts par jour, et le temps de tout roder.",
                ),
                ul(
                    "Chaque soir de la première semaine :",
                    [
                        "un débriefing de dix minutes avec l'équipe du jour ;",
                        "une liste de trois ajustements pour le lendemain.",
                    ],
                ),
                quiz(
                    "Prêts à ouvrir ?",
                    [
                        question(
                            "Pourquoi ouvrir d'abord en petit comité ?",
                            [
                                ("Pour roder l'organisation avant l'affluence", True),
                                ("Pour réserver la cantine aux bénévoles", False),
                            ],
                            "<p>Une semaine de rodage évite que les premiers convives "
                            "découvrent une équipe débordée.</p>",
                        ),
                    ],
                ),
            ],
        },
    ],
}

COURSES = [GOUVERNANCE, OUVERTURE, ACCUEIL, PRIX_LIBRE, PMS, COMMUNAUTE]

CATALOGUE = {
    "slug": "formation",
    "title": "Formation",
    "intro": "Les parcours du réseau pour les équipes qui ouvrent une cantine, à suivre seul "
    "ou en équipe, à votre rythme.",
}

# Stage slug → courses a team member must have completed to leave the stage.
STAGE_REQUIREMENTS = {
    "association-gouvernance": ["gouvernance-partagee"],
    "financement-modele": ["le-prix-libre"],
    "ouverture": ["plan-de-maitrise-sanitaire", "preparer-l-ouverture"],
}
