"""A large, plausible pipeline built with bulk_create (benchmarks, query-count tests).

Projects get slugs starting with `PREFIX`; if one exists the loader does nothing, so it can run
again safely. Random but reproducible (fixed seed).
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from canteen_site.permissions import users_with_perm
from projects.access import VIEW_PIPELINE
from projects.models import (
    ChecklistTick,
    Deliverable,
    Project,
    ProjectEvent,
    Region,
    Stage,
    StageChange,
    StageRequest,
)

PREFIX = "bench-"
CITIES = [
    ("Lyon", "69007", Region.AUVERGNE_RHONE_ALPES),
    ("Grenoble", "38000", Region.AUVERGNE_RHONE_ALPES),
    ("Lille", "59000", Region.HAUTS_DE_FRANCE),
    ("Amiens", "80000", Region.HAUTS_DE_FRANCE),
    ("Strasbourg", "67000", Region.GRAND_EST),
    ("Metz", "57000", Region.GRAND_EST),
    ("Paris", "75019", Region.ILE_DE_FRANCE),
    ("Montreuil", "93100", Region.ILE_DE_FRANCE),
    ("Rennes", "35000", Region.BRETAGNE),
    ("Nantes", "44000", Region.PAYS_DE_LA_LOIRE),
    ("Rouen", "76000", Region.NORMANDIE),
    ("Bordeaux", "33000", Region.NOUVELLE_AQUITAINE),
    ("Toulouse", "31000", Region.OCCITANIE),
    ("Marseille", "13003", Region.PROVENCE_ALPES_COTE_D_AZUR),
    ("Dijon", "21000", Region.BOURGOGNE_FRANCHE_COMTE),
    ("Tours", "37000", Region.CENTRE_VAL_DE_LOIRE),
    ("Ajaccio", "20000", Region.CORSE),
    ("Saint-Denis", "97400", Region.OUTRE_MER),
]
FILLER_KINDS = [
    ProjectEvent.Kind.ITEM_TICKED,
    ProjectEvent.Kind.DELIVERABLE_UPLOADED,
    ProjectEvent.Kind.DELIVERABLE_REVIEWED,
    ProjectEvent.Kind.MEMBER_JOINED,
    ProjectEvent.Kind.LESSON_COMPLETED,
]
FIRST_DAY = date(2016, 1, 1)


def _aware(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load_large_data(projects=500, events=20_000, seed=2016, now=None):
    """Create the data set; returns counts, or None when it was already there."""
    if Project.objects.filter(slug__startswith=PREFIX).exists():
        return None
    rng = random.Random(seed)
    now = now or timezone.now()
    stages = list(Stage.objects.prefetch_related("checklist_items", "deliverable_requirements"))
    if not stages:
        raise RuntimeError("No stage: run the migrations first.")
    coaches = list(users_with_perm(VIEW_PIPELINE).order_by("pk")) or [None]
    plans = [_plan(index, stages, coaches, rng, now) for index in range(projects)]
    created = Project.objects.bulk_create([plan["project"] for plan in plans], batch_size=500)
    for plan, project in zip(plans, created, strict=True):
        plan["project"] = project

    changes, timeline, ticks, deliverables, requests = [], [], [], [], []
    for plan in plans:
        project = plan["project"]
        for from_stage, to_stage, at in plan["moves"]:
            changes.append(
                StageChange(
                    project=project,
                    from_stage=from_stage,
                    to_stage=to_stage,
                    changed_at=at,
                    comment="Jeu de données de test",
                )
            )
            kind = ProjectEvent.Kind.STAGE_CHANGED if from_stage else ProjectEvent.Kind.CREATED
            timeline.append(
                ProjectEvent(project=project, kind=kind, created_at=at, summary=to_stage.name)
            )
        stage = project.stage
        for item in stage.checklist_items.all():
            if rng.random() < 0.5:
                ticks.append(ChecklistTick(project=project, item=item, ticked_at=plan["last"]))
        requirements = list(stage.deliverable_requirements.all())
        if requirements and rng.random() < 0.3:
            requirement = rng.choice(requirements)
            deliverables.append(
                Deliverable(
                    project=project,
                    requirement=requirement,
                    file=f"deliverables/{project.pk}/bench/document.pdf",
                    original_name="document.pdf",
                    size=120_000,
                    content_type="application/pdf",
                    uploaded_at=plan["last"],
                )
            )
        following = [s for s in stages if s.position > stage.position]
        under_way = project.status in (Project.Status.ACTIVE, Project.Status.LEAD)
        if following and under_way and rng.random() < 0.1:
            requests.append(
                StageRequest(project=project, stage=following[0], requested_at=plan["last"])
            )

    # Fill the timeline up to `events` rows with the everyday activity of each project.
    while len(timeline) < events:
        plan = rng.choice(plans)
        span = max(1, int((plan["last"] - plan["start"]).total_seconds()))
        at = plan["start"] + timedelta(seconds=rng.randrange(span))
        timeline.append(
            ProjectEvent(
                project=plan["project"],
                kind=rng.choice(FILLER_KINDS),
                created_at=at,
                summary="Activité de l'équipe",
            )
        )
    StageChange.objects.bulk_create(changes, batch_size=1000)
    ProjectEvent.objects.bulk_create(timeline[:events], batch_size=1000)
    ChecklistTick.objects.bulk_create(ticks, batch_size=1000)
    Deliverable.objects.bulk_create(deliverables, batch_size=1000)
    StageRequest.objects.bulk_create(requests, batch_size=1000)
    return {
        "projects": len(created),
        "changes": len(changes),
        "events": min(events, len(timeline)),
        "ticks": len(ticks),
        "deliverables": len(deliverables),
        "requests": len(requests),
    }


def _plan(index, stages, coaches, rng, now):
    """A project's life: when it started, the stages it went through, where it is now."""
    city, postcode, region = rng.choice(CITIES)
    today = timezone.localdate(now)
    span_days = (today - FIRST_DAY).days - 30
    started_on = FIRST_DAY + timedelta(days=rng.randrange(span_days))
    at = _aware(started_on, 10)
    moves = [(None, stages[0], at)]
    current = 0
    furthest = rng.randrange(len(stages))
    while current < furthest:
        step_days = rng.randint(20, 400)
        if at + timedelta(days=step_days) >= now - timedelta(days=1):
            break
        at += timedelta(days=step_days)
        # Now and then a project goes back one stage before going on.
        target = current - 1 if current > 0 and rng.random() < 0.04 else current + 1
        moves.append((stages[current], stages[target], at))
        current = target
    last_stage = current == len(stages) - 1
    long_still = (now - at).days > 900
    if last_stage:
        status = Project.Status.OPEN
    elif rng.random() < (0.75 if long_still else 0.08):
        # Most projects that have not moved for years were given up.
        status = Project.Status.ABANDONED
    elif rng.random() < 0.08:
        status = Project.Status.PAUSED
    else:
        status = Project.Status.LEAD if current == 0 else Project.Status.ACTIVE
    # Most teams did something lately; some have been quiet for months (stalled).
    quiet_days = rng.randint(0, 200) if rng.random() < 0.2 else rng.randint(0, 25)
    last = max(at, now - timedelta(days=quiet_days))
    project = Project(
        name=f"Cantine test {index + 1:03d}",
        slug=f"{PREFIX}{index + 1:03d}",
        city=city,
        postcode=postcode,
        region=region,
        stage=stages[current],
        stage_entered_at=at,
        status=status,
        started_on=started_on,
        opened_on=timezone.localdate(at) if last_stage else None,
        coach=rng.choice(coaches),
        last_activity_at=last,
    )
    return {"project": project, "moves": moves, "start": moves[0][2], "last": last}


RESOURCE_PREFIX = "bench-ressource-"
# Made-up words for the added resources: a toolbox ten times larger holds other resources, not
# copies of the same ones (with copies, a search finds 23 times more results and the bench
# measures a fuller page, not the index). One resource in three also says "cantine", for a
# search whose results grow with the toolbox.
SYLLABLES = "ba bo bu di fa fe gu ja jo ki ku lo lu mi mo nu pa po ri ru su ta to vi vo zu"
COMMON_WORD = "cantine"


def _made_up_words(rng, count):
    syllables = SYLLABLES.split()
    return " ".join(
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)
    )


def load_large_toolbox(total):
    """Resources of made-up words (title, summary, a paragraph of body; the demo's types,
    visibility, stages and topics; no files) until the toolbox holds `total` live resources;
    returns how many were added."""
    from toolbox.models import ResourcePage, ToolboxIndexPage

    index = ToolboxIndexPage.objects.first()
    models = list(
        ResourcePage.objects.live()
        .exclude(slug__startswith=RESOURCE_PREFIX)
        .prefetch_related("stages", "tags")
        .order_by("pk")
    )
    if index is None or not models:
        raise RuntimeError("No toolbox: load the demo first.")
    have = ResourcePage.objects.live().count()
    rng = random.Random(total)
    for number in range(have, total):
        model = models[number % len(models)]
        summary = _made_up_words(rng, 12)
        if number % 3 == 0:
            summary += f" {COMMON_WORD}"
        page = ResourcePage(
            title=_made_up_words(rng, 4).capitalize(),
            slug=f"{RESOURCE_PREFIX}{number + 1}",
            summary=summary,
            body=[{"type": "paragraph", "value": {"text": f"<p>{_made_up_words(rng, 80)}</p>"}}],
            resource_type=model.resource_type,
            audience=model.audience,
            visibility=model.visibility,
            last_reviewed_on=model.last_reviewed_on,
            live=True,
            first_published_at=timezone.now() - timedelta(days=rng.randrange(3000)),
        )
        page.stages = list(model.stages.all())
        page.tags.add(*[tag.name for tag in model.tags.all()])
        index.add_child(instance=page)  # indexed for search on save
    return max(0, total - have)
