"""The one loader of the demo content: reads demo/data/*.yaml and builds the site with it.

Everything goes through the site's own services where there are some (projects' stages,
ticks, documents and reviews, team members, downloads, lesson completions on the timeline), so
the demo obeys the site's rules: a project leaves a stage only once `unmet_criteria` is empty,
and the loader stops with `DemoDataError` on data that breaks a rule. Safe to run again: what
exists (found by slug, email or title) is left alone, so nothing doubles.
"""

import io
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from canteen_site import notifications, roles
from canteen_site.models import HomePage, StandardPage
from canteen_site.permissions import grant_section_permissions
from courses import day_services
from courses.models import (
    EDIT_CATALOGUE,
    CourseCatalogPage,
    CourseCompletion,
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    SessionSeat,
    StageCourseRequirement,
    TeamEnrolment,
    TrainingDayIndexPage,
    TrainingDayPage,
    TrainingSession,
)
from courses.services import record_lesson_completed, required_courses
from projects import mentoring, network, opening_plan
from projects import partners as partner_services
from projects import services as projects
from projects.criteria import stage_state
from projects.models import (
    DeliverableRequirement,
    Membership,
    Mentorship,
    NetworkProfile,
    Partner,
    Project,
    Stage,
)
from projects.uploads import check_upload
from toolbox import example_services, question_services
from toolbox import services as toolbox
from toolbox.examples import Example
from toolbox.models import Download, ResourceFile, ResourcePage, ToolboxIndexPage, Visibility
from toolbox.questions import Question

from .files import make_csv, make_odt, make_pdf

DATA = Path(__file__).resolve().parent / "data"
NAMESPACE = uuid.UUID("6b1d3c52-6a4e-4d53-9a55-1f2a2f0c9e11")
GROUPS = {
    "head_office": roles.HEAD_OFFICE,
    "trainer": roles.TRAINER,
    "team_member": roles.TEAM_MEMBER,
    "mentor": roles.MENTOR,
}


class DemoDataError(Exception):
    """The data asks for something the site's rules refuse (or names what does not exist)."""


@cache
def read(name):
    """The content of demo/data/<name>.yaml (also used by the tests)."""
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def course_data(slug):
    return next(course for course in read("courses")["courses"] if course["slug"] == slug)


def load(stdout):
    """Load everything, each part in its own transaction."""
    parts = [
        ("accounts", load_accounts),
        ("site", load_site),
        ("courses", load_courses),
        ("toolbox", load_toolbox),
        ("projects", load_projects),
        ("opening plans", load_opening_plans),
        ("partners", load_partners),
        ("downloads", load_downloads),
        ("training days", load_training_days),
        ("network", load_network),
        ("questions and examples", load_questions_and_examples),
    ]
    # The demo's history is the past, not news: the services it goes through notify no one.
    with notifications.silenced():
        for name, part in parts:
            with transaction.atomic():
                stdout.write(f"{name}: {part()}")


# Helpers


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _at(day, hour=10):
    if isinstance(day, datetime):
        return day
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _between(start, end, fraction):
    start, end = _at(start, 9), _at(end, 9)
    return start + (end - start) * fraction


def _same_name(name):
    """Names compared whatever the apostrophe and spaces (the stage settings, written in a
    migration, keep straight apostrophes and plain spaces)."""
    name = unicodedata.normalize("NFC", name.replace("’", "'").replace("\u00a0", " "))
    return " ".join(name.split()).casefold()


def _user(email):
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        raise DemoDataError(f"No account {email}: add it to accounts.yaml or to a team.")
    return user


def _person(spec):
    """A team member: a demo account, or a person created without a usable password."""
    user, created = get_user_model().objects.get_or_create(
        email=spec["email"],
        defaults={"first_name": spec.get("first_name", ""), "last_name": spec.get("last_name", "")},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# Accounts and the site shell


def load_accounts():
    data = read("accounts")
    User = get_user_model()
    created = 0
    for spec in data["accounts"]:
        user, new = User.objects.get_or_create(
            email=spec["email"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "is_superuser": spec.get("superuser", False),
                "is_staff": spec.get("superuser", False),
                "phone": spec.get("phone", ""),
            },
        )
        if new:
            user.set_password(data["password"])
            user.save()
            created += 1
        if spec.get("group"):
            user.groups.add(Group.objects.get(name=GROUPS[spec["group"]]))
        EmailAddress.objects.update_or_create(
            user=user, email=spec["email"], defaults={"verified": True, "primary": True}
        )
    return f"{created} accounts added"


def load_site():
    data = read("site")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(**data["home"])
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=data["site_name"]
        )
    elif site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = data["site_name"]
        site.save()
        # Wagtail's placeholder "Welcome" page goes; a real page would be kept.
        if old_root.specific_class is Page and old_root.slug == "home":
            old_root.delete()
    added = 0
    for spec in data["pages"]:
        if not StandardPage.objects.filter(slug=spec["slug"]).exists():
            page = StandardPage(**spec)
            home.add_child(instance=page)
            page.save_revision().publish()
            added += 1
    return f"{added} pages added"


def _home():
    home = HomePage.objects.first()
    if home is None:
        raise DemoDataError("No home page: the site part of the demo did not run.")
    return home


def _link_from_home(home, field, page):
    if getattr(home, f"{field}_id") is None:
        draft = home.get_latest_revision_as_object()
        setattr(draft, field, page)
        draft.save_revision().publish()
        home.refresh_from_db()


# StreamField bodies


def _stream(key, blocks, media=None):
    """Blocks as written in the data ({type, then the fields}) as StreamField data, each with
    an id that stays the same from one load to the next."""
    images, documents, videos = media or ({}, {}, {})
    stream = []
    for index, block in enumerate(blocks):
        value = {name: item for name, item in block.items() if name != "type"}
        block_type = block["type"]
        block_id = _id(key, str(index))
        if block_type == "image":
            value["image"] = images[value["image"]]
        elif block_type == "document":
            value["document"] = documents[value["document"]]
        elif block_type == "video":
            value["video"] = videos[value["video"]]
        elif block_type == "quiz":
            value["questions"] = [
                {
                    "type": "item",
                    "id": _id(block_id, str(number)),
                    "value": {
                        **question,
                        "choices": [
                            {
                                "type": "item",
                                "id": _id(block_id, str(number), str(choice_number)),
                                "value": choice,
                            }
                            for choice_number, choice in enumerate(question["choices"])
                        ],
                    },
                }
                for number, question in enumerate(value["questions"])
            ]
        stream.append({"type": block_type, "value": value, "id": block_id})
    return stream


# Training


def _png(colour, background):
    picture = PILImage.new("RGB", (1200, 675), background)
    draw = ImageDraw.Draw(picture)
    for index in range(5):
        radius = 90 + 40 * index
        x, y = 200 + 200 * index, 340 + (60 if index % 2 else -60)
        draw.ellipse((x - radius // 2, y - radius // 2, x + radius // 2, y + radius // 2), colour)
    draw.rectangle((0, 600, 1200, 675), colour)
    output = io.BytesIO()
    picture.save(output, "PNG")
    return output.getvalue()


def _media(data):
    Image = get_image_model()
    images = {}
    for key, spec in data["images"].items():
        image = Image.objects.filter(title=spec["title"]).first()
        if image is None:
            image = Image(title=spec["title"])
            png = io.BytesIO(_png(spec["colour"], spec["background"]))
            image.file = ImageFile(png, name=f"formation-{key}.png")
            image.save()
        images[key] = image.pk
    Document = get_document_model()
    documents = {}
    for key, spec in data["documents"].items():
        document = Document.objects.filter(title=spec["title"]).first()
        if document is None:
            document = Document(title=spec["title"])
            pdf = make_pdf(spec["text"], [])
            document.file = ContentFile(pdf, name=f"formation-{key}.pdf")
            document.save()
        documents[key] = document.pk
    videos = {}
    for key, spec in data["videos"].items():
        # Stored embeds, so that the demo videos render without asking a video site.
        url, title = spec["url"], spec["title"]
        html = (
            f'<iframe title="{title}" src="https://videos.example.org/videos/embed/'
            f'{url.rsplit("/", 1)[-1]}" width="640" height="360" loading="lazy" '
            "allowfullscreen></iframe>"
        )
        Embed.objects.update_or_create(
            hash=get_embed_hash(url),
            defaults={
                "url": url,
                "type": "video",
                "html": html,
                "title": title,
                "provider_name": "PeerTube",
                "width": 640,
                "height": 360,
            },
        )
        videos[key] = url
    return images, documents, videos


def load_courses():
    data = read("courses")
    home = _home()
    catalogue = CourseCatalogPage.objects.first()
    if catalogue is None:
        catalogue = CourseCatalogPage(**data["catalogue"], show_in_menus=True)
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    _link_from_home(home, "training_page", catalogue)
    media = _media(data)
    trainer = get_user_model().objects.filter(email=data["trainer"]).first()
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    courses, added = {}, 0
    for spec in data["courses"]:
        course = CoursePage.objects.filter(slug=spec["slug"]).first()
        if course is None:
            course = _add_course(catalogue, spec, media, trainer, stages, courses)
            added += 1
        courses[spec["slug"]] = course
    for stage_slug, course_slugs in data["stage_requirements"].items():
        if stage_slug in stages:
            for slug in course_slugs:
                StageCourseRequirement.objects.get_or_create(
                    stage=stages[stage_slug], course=courses[slug]
                )
    grant_section_permissions(catalogue, EDIT_CATALOGUE)
    return f"{added} courses added"


def _add_course(catalogue, spec, media, trainer, stages, courses):
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        description=spec["description"],
        audience=spec["audience"],
        duration_minutes=spec["duration"],
        objectives="<ul>" + "".join(f"<li>{item}</li>" for item in spec["objectives"]) + "</ul>",
        access=spec["access"],
        ordered=spec["ordered"],
        cover_image_id=media[0][spec["image"]],
    )
    catalogue.add_child(instance=course)
    course.tags.add(*spec["tags"])
    course.stages.set([stages[slug] for slug in spec["stages"] if slug in stages])
    course.prerequisites.set([courses[slug] for slug in spec["prerequisites"]])
    if trainer is not None:
        course.trainers.set([trainer])
    course.save_revision().publish()
    for lesson_spec in spec["lessons"]:
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=lesson_spec["slug"],
            summary=lesson_spec["summary"],
            duration_minutes=lesson_spec["duration"],
            body=_stream(f"{spec['slug']}/{lesson_spec['slug']}", lesson_spec["body"], media),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


def _answers(lesson, block_id):
    block = next(block for block in lesson.body if block.id == block_id)
    return {
        question.id: [c.id for c in question.value["choices"].bound_blocks if c.value["correct"]]
        for question in block.value["questions"].bound_blocks
    }


def _complete_lesson(user, course, lesson, when, failed_first=False):
    """A lesson done on a past day: its quiz passed (after a failed try if asked), then the
    completion and its line on the team's timeline (`record_lesson_completed`)."""
    if LessonCompletion.objects.filter(user=user, lesson=lesson).exists():
        return
    method = LessonCompletion.Method.BUTTON
    for block in lesson.quiz_blocks():
        method = LessonCompletion.Method.QUIZ
        questions = len(block.value["questions"])
        attempt = {"user": user, "lesson": lesson, "course": course, "block_id": block.id}
        if failed_first:
            QuizAttempt.objects.create(
                **attempt,
                submitted_at=when - timedelta(minutes=20),
                score=0,
                correct_count=0,
                question_count=questions,
                passed=False,
                answers={},
            )
        QuizAttempt.objects.create(
            **attempt,
            submitted_at=when,
            score=100,
            correct_count=questions,
            question_count=questions,
            passed=True,
            answers=_answers(lesson, block.id),
        )
    LessonCompletion.objects.create(
        user=user, lesson=lesson, course=course, completed_at=when, method=method
    )
    record_lesson_completed(user, lesson, course, at=when)


def follow(user, course, count, start, step, failed_first=False, enrol=False):
    """The user does the first `count` lessons ("all": every one) of the course, from `start`
    (a date or a moment), `step` apart (a timedelta); a course finished is completed."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    count = len(lessons) if count == "all" else count
    start = _at(start, 19)
    if enrol:
        Enrolment.objects.get_or_create(
            user=user,
            course=course,
            defaults={"enrolled_by": user, "enrolled_at": start - timedelta(hours=2)},
        )
    for number, lesson in enumerate(lessons[:count]):
        when = start + step * number
        _complete_lesson(user, course, lesson, when, failed_first=failed_first and number == 1)
    if count >= len(lessons):
        last = LessonCompletion.objects.filter(user=user, course=course).order_by("-completed_at")
        CourseCompletion.objects.get_or_create(
            user=user, course=course, defaults={"completed_at": last.first().completed_at}
        )


# Toolbox


def load_toolbox():
    data = read("toolbox")
    home = _home()
    index = ToolboxIndexPage.objects.first()
    if index is None:
        index = ToolboxIndexPage(**data["index"], show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    grant_section_permissions(index, toolbox.EDIT_TOOLBOX)
    toolbox.members_collection()
    _link_from_home(home, "toolbox_page", index)
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    resources = data["resources"]
    added = 0
    for number, spec in enumerate(resources):
        if not ResourcePage.objects.filter(slug=spec["slug"]).exists():
            _add_resource(index, spec, stages, age_days=len(resources) - number)
            added += 1
    # Required documents point at the toolbox template to start from.
    pages = {page.slug: page for page in ResourcePage.objects.only("id", "slug")}
    requirements = DeliverableRequirement.objects.filter(template_page__isnull=True)
    for spec in resources:
        if "deliverable" in spec and spec["slug"] in pages:
            for requirement in requirements.filter(stage__slug=spec["deliverable"]["stage"]):
                if _same_name(requirement.name) == _same_name(spec["deliverable"]["name"]):
                    requirement.template_page = pages[spec["slug"]]
                    requirement.save(update_fields=["template_page"])
    return f"{len(resources)} resources ({added} new)"


def _add_resource(index, spec, stages, age_days):
    page = ResourcePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=_stream(f"toolbox/{spec['slug']}", spec["body"]),
        resource_type=spec["type"],
        audience=spec["audience"],
        visibility=Visibility.MEMBERS if spec["members"] else Visibility.PUBLIC,
        last_reviewed_on=date.fromisoformat(str(spec["reviewed"])),
    )
    page.stages = [stages[slug] for slug in spec["stages"] if slug in stages]
    page.tags.add(*spec["tags"])
    for link in spec.get("links", []):
        page.links.add(page.links.model(title=link["title"], url=link["url"]))
    index.add_child(instance=page)
    page.save_revision().publish()
    # Spread the publication dates so that "newest" means something in the demo.
    published = timezone.now() - timedelta(days=age_days * 9)
    ResourcePage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    for position, file_spec in enumerate(spec["files"]):
        _add_file(page, file_spec, position, published)


def _document(spec, content):
    kind = spec["kind"]
    if kind == "csv":
        data = make_csv(content)
    elif kind == "odt":
        data = make_odt(spec["title"], content)
    else:
        data = make_pdf(spec["title"], content)
    document = get_document_model()(
        title=spec["title"], collection=Collection.get_first_root_node(), file_size=len(data)
    )
    document.file.save(f"{spec['slug']}.{kind}", ContentFile(data), save=False)
    document.save()
    return document


def _add_file(page, spec, position, published):
    if ResourceFile.objects.filter(slug=spec["slug"]).exists():
        return
    file = ResourceFile(
        resource=page,
        title=spec["title"],
        slug=spec["slug"],
        sort_order=position,
        change_note=spec.get("note", "Première version."),
        document=_document(spec, spec["content"]),
    )
    file.save()
    first = file.versions.get()
    type(first).objects.filter(pk=first.pk).update(created_at=published)
    if "v2" in spec:
        file.document = _document(spec, spec["v2"]["content"])
        file.change_note = spec["v2"]["note"]
        file.save()
        second = file.versions.get(number=2)
        type(second).objects.filter(pk=second.pk).update(
            created_at=min(timezone.now(), published + timedelta(days=60))
        )


def load_downloads():
    if Download.objects.exists():
        return "downloads already there"
    users = {user.email: user for user in get_user_model().objects.all()}
    files = {file.slug: file for file in ResourceFile.objects.all()}
    count = 0
    for spec in read("toolbox")["downloads"]:
        file = files.get(spec["file"])
        user = users.get(spec["email"]) if spec["email"] else AnonymousUser()
        version = file.versions.filter(number=spec["version"]).first() if file else None
        if user is not None and version is not None:
            toolbox.record_download(user, version)
            count += 1
    return f"{count} downloads"


# Projects


def load_projects():
    data = read("projects")
    stages = list(
        Stage.objects.order_by("position").prefetch_related(
            "checklist_items", "deliverable_requirements"
        )
    )
    if not stages:
        return "no stages, nothing loaded"
    requirements = {}
    for requirement in StageCourseRequirement.objects.select_related("course"):
        requirements.setdefault(requirement.stage_id, []).append(requirement.course)
    loader = ProjectLoader(data, stages, requirements)
    opened = sum(loader.load_open_canteen(spec) for spec in data["open_canteens"])
    under_way = sum(loader.load_project(spec) for spec in data["projects"])
    return f"{opened} open canteens and {under_way} projects added"


class ProjectLoader:
    def __init__(self, data, stages, course_requirements):
        self.data = data
        self.stages = stages
        self.by_slug = {stage.slug: stage for stage in stages}
        self.course_requirements = course_requirements
        self.courses = {course.slug: course for course in CoursePage.objects.live()}

    # One project

    def _new(self, spec, **fields):
        project = Project(
            name=spec["name"],
            slug=spec["slug"],
            city=spec["city"],
            postcode=spec["postcode"],
            region=spec["region"],
            neighbourhood=spec["neighbourhood"],
            description=spec["description"],
            stage=self.stages[0],
            started_on=spec["started"],
            first_circle_size=spec["first_circle"],
            local_partners=spec["partners"],
            funds_raised=spec["funds_raised"],
            **fields,
        )
        return project

    def _team(self, project, spec, by):
        """The team, lead first; returns the lead (None for a team yet to form)."""
        lead = None
        for person in spec.get("team", []):
            user = _person(person)
            role = person.get("role", Membership.Role.MEMBER)
            if role == Membership.Role.LEAD and lead is None:
                lead = user
            added_by = lead if person.get("added_by") == "lead" else by
            projects.add_member(project, user, role, by=added_by, at=_at(person["joined"], 10))
        return lead

    def load_open_canteen(self, spec):
        if Project.objects.filter(slug=spec["slug"]).exists():
            return 0
        mover = _user(spec["mover"])
        project = self._new(
            spec,
            target_opening_on=spec["opened"],
            funds_target=spec["funds_raised"],
            premises_found=True,
        )
        projects.create_project(project, by=mover, at=_at(spec["started"], 9))
        lead = self._team(project, spec, mover)
        # The stages before the opening spread evenly up to six weeks before it.
        days = _spread(spec["started"], spec["opened"] - timedelta(days=45), len(self.stages) - 1)
        days.append(spec["opened"])
        self._walk(project, spec, days, mover, lead, comment=self.data["opening_comment"])
        return 1

    def load_project(self, spec):
        if Project.objects.filter(slug=spec["slug"]).exists():
            return 0
        coach = _user(spec["coach"])
        current = self.by_slug[spec["current_stage"]]
        contact = spec.get("contact", {})
        project = self._new(
            spec,
            target_opening_on=spec.get("target_opening"),
            coach=coach,
            funds_target=spec["funds_target"],
            premises_found=current.position > self.by_slug["recherche-local"].position,
            head_office_notes=spec.get("head_office_notes", ""),
            contact_name=contact.get("name", ""),
            contact_email=contact.get("email", ""),
        )
        projects.create_project(project, by=coach, at=_at(spec["started"], 9))
        lead = self._team(project, spec, coach)
        self._learning(project, spec)
        position = self.stages.index(current)
        if "stages" in spec:
            days = [spec["stages"][stage.slug] for stage in self.stages[: position + 1]]
        else:
            days = _spread(spec["started"], spec.get("entered", spec["started"]), position + 1)
        self._walk(project, spec, days, coach, lead)
        self._current_stage(project, spec, current, coach, lead)
        if "ready" in spec:
            # Everything the current stage's exit asks was done by that day.
            self._exit_work(project, spec, current, days[-1], spec["ready"], lead)
            self._check_exit(project, current)
        if "request" in spec:
            projects.request_next_stage(
                project, _user(spec["request"]["by"]), spec["request"]["message"]
            )
        if "pause" in spec:
            Project.objects.filter(pk=project.pk).update(status=Project.Status.PAUSED)
            projects.set_status(
                project,
                Project.Status.PAUSED,
                coach,
                spec["pause"]["comment"],
                at=_at(spec["pause"]["date"], 17),
            )
        self._conversation(project, spec)
        project.refresh_from_db(fields=["status"])
        if project.status != spec["status"]:
            raise DemoDataError(f"{project.slug} ends {project.status}, not {spec['status']}")
        return 1

    def _conversation(self, project, spec):
        """Messages between the team and head office (`conversation`) and head office's
        follow-up log (`follow_ups`), through the site's services."""
        for message in spec.get("conversation", []):
            author = _user(message["by"])
            about = None
            if "about" in message:
                about = project.deliverables.filter(original_name=message["about"]).first()
                if about is None:
                    raise DemoDataError(f"{project.slug}: no document {message['about']}")
            projects.post_message(
                project,
                author,
                message["text"],
                head_office=author.pk == project.coach_id,
                about=about,
                at=_at(message["date"], 18),
            )
        for entry in spec.get("follow_ups", []):
            projects.log_follow_up(
                project,
                _user(entry.get("by", spec["coach"])),
                entry["kind"],
                entry["date"],
                entry["note"],
                entry.get("next_action", ""),
                entry.get("due"),
            )

    # History

    def _walk(self, project, spec, days, mover, lead, comment=None):
        """Through the stages up to the one entered on the last of `days`, each left once its
        exit rules are met."""
        for index, stage in enumerate(self.stages[: len(days) - 1]):
            entered, leave = days[index], days[index + 1]
            self._exit_work(project, spec, stage, entered, leave, lead, reviewer=mover)
            self._check_exit(project, stage)
            next_stage = self.stages[index + 1]
            is_last = index == len(days) - 2
            projects.move_project(
                project,
                next_stage,
                mover,
                (comment if is_last and comment else self.data["stage_change_comment"]),
                at=_at(leave, 12 if is_last and comment else 11),
            )

    def _check_exit(self, project, stage):
        unmet = projects.unmet_criteria(project)
        if unmet:
            labels = "; ".join(criterion.label for criterion in unmet)
            raise DemoDataError(f"{project.slug} cannot leave {stage.slug}: {labels}")

    def _exit_work(self, project, spec, stage, entered, leave, lead, reviewer=None):
        """What the stage's exit rules ask, done between entering it and leaving it: required
        items ticked, required documents sent (and accepted), required courses completed."""
        reviewer = reviewer or project.coach
        items = [item for item in stage.checklist_items.all() if item.required]
        for number, item in enumerate(items):
            when = _between(entered, leave, 0.1 + 0.5 * (number + 1) / (len(items) + 1))
            projects.set_tick(project, item, lead, True, at=when)
        met = {
            row.requirement.pk
            for row in stage_state(project).requirements
            if row.met and row.requirement.required
        }
        documents = [
            requirement
            for requirement in stage.deliverable_requirements.all()
            if requirement.required and requirement.pk not in met
        ]
        for number, requirement in enumerate(documents):
            sent = _between(entered, leave, 0.65 + 0.1 * number / max(1, len(documents)))
            name = f"{slugify(requirement.name)}-{project.slug}.pdf"
            title = requirement.name.replace("'", "’")
            deliverable = self._upload(project, requirement, name, title, lead, sent)
            projects.review_deliverable(
                deliverable, reviewer, True, at=_between(entered, leave, 0.85)
            )
        courses = self.course_requirements.get(stage.pk, [])
        done = {item.course.pk for item in required_courses(project) if item.met}
        learner = self._learner(project, spec, lead)
        for number, course in enumerate(course for course in courses if course.pk not in done):
            start = _between(entered, leave, 0.2 + 0.3 * number / max(1, len(courses)))
            step = (_between(entered, leave, 0.8) - start) / 12
            for prerequisite in course.prerequisites.all():
                if not CourseCompletion.objects.filter(user=learner, course=prerequisite).exists():
                    follow(learner, prerequisite, "all", start - step * 8, step, enrol=True)
            follow(learner, course, "all", start, step, enrol=True)

    def _learner(self, project, spec, lead):
        for email in spec.get("learners", []):
            if Membership.objects.filter(
                project=project, user__email=email, left_on__isnull=True
            ).exists():
                return _user(email)
        if lead is None:
            raise DemoDataError(f"{project.slug} has no team to follow the required courses.")
        return lead

    def _upload(self, project, requirement, file_name, title, by, when):
        upload = check_upload(SimpleUploadedFile(file_name, make_pdf(title, []), "application/pdf"))
        return projects.upload_deliverable(project, requirement, upload, by, at=when)

    # The current stage

    def _current_stage(self, project, spec, stage, coach, lead):
        items = {_same_name(item.name): item for item in stage.checklist_items.all()}
        for tick in spec.get("ticks", []):
            item = items.get(_same_name(tick["item"]))
            if item is None:
                raise DemoDataError(f"{project.slug}: no item “{tick['item']}” in {stage.slug}")
            by = _user(tick["by"]) if "by" in tick else lead
            projects.set_tick(project, item, by, True, at=_at(tick["date"], 18))
        requirements = {
            _same_name(requirement.name): requirement
            for requirement in stage.deliverable_requirements.all()
        }
        for document in spec.get("deliverables", []):
            requirement = requirements.get(_same_name(document["requirement"]))
            if requirement is None:
                raise DemoDataError(f"{project.slug}: no document “{document['requirement']}”")
            deliverable = self._upload(
                project,
                requirement,
                document["file"],
                document["title"],
                lead,
                _at(document["uploaded"], 20),
            )
            if document["review"] != "pending":
                projects.review_deliverable(
                    deliverable,
                    coach,
                    document["review"] == "accepted",
                    document.get("comment", ""),
                    at=_at(document["reviewed"], 9),
                )
        if "team_answer" in spec:
            answer = spec["team_answer"]
            course = self.courses[answer["course"]]
            lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
            block = next(block for block in lesson.body if block.block_type == "exercise")
            ExerciseAnswer.objects.get_or_create(
                project=project,
                lesson=lesson,
                block_id=block.id,
                defaults={"text": answer["text"], "updated_by": _user(answer["by"])},
            )

    def _learning(self, project, spec):
        for enrolment in spec.get("team_enrolments", []):
            TeamEnrolment.objects.get_or_create(
                project=project,
                course=self.courses[enrolment["course"]],
                defaults={
                    "enrolled_by": _user(enrolment["by"]),
                    "enrolled_at": _at(enrolment["date"], 9),
                },
            )
        for item in spec.get("learning", []):
            follow(
                _user(item["who"]),
                self.courses[item["course"]],
                item["lessons"],
                item["from"],
                timedelta(days=item.get("every_days", 3), hours=1),
                failed_first=item.get("failed_first", False),
                enrol=item.get("enrolled", False),
            )


# Opening plans


def load_opening_plans():
    """The plans of `opening_plans.yaml`, through the plan's services, each action on its day."""
    count = 0
    for spec in read("opening_plans")["plans"]:
        project = Project.objects.select_related("stage").filter(slug=spec["project"]).first()
        if project is None or project.opening_tasks.exists():
            continue
        opening_plan.regenerate(project, _user(spec["by"]), at=_at(spec["made"], 19))
        tasks = {_same_name(task.name): task for task in project.opening_tasks.all()}

        def task_named(name, tasks=tasks, project=project):
            task = tasks.get(_same_name(name))
            if task is None:
                raise DemoDataError(f"{project.slug}: no task “{name}” in the opening plan")
            return task

        for name, email in spec.get("assign", {}).items():
            task = task_named(name)
            opening_plan.update_task(
                task, None, version=task.version, due_on=task.due_on, assignee=_user(email)
            )
        for done in spec.get("done", []):
            opening_plan.set_done(
                task_named(done["task"]), _user(done["by"]), True, at=_at(done["date"], 18)
            )
        for move in spec.get("moves", []):
            project.refresh_from_db(fields=["target_opening_on"])
            opening_plan.set_target_date(
                project,
                move["to"],
                _user(move["by"]),
                expected=project.target_opening_on,
                comment=move["comment"],
                today=move["date"],
                at=_at(move["date"], 20),
            )
        for done in spec.get("done_after_moves", []):
            task = project.opening_tasks.get(pk=task_named(done["task"]).pk)
            opening_plan.set_done(task, _user(done["by"]), True, at=_at(done["date"], 18))
        for own in spec.get("own_tasks", []):
            task = opening_plan.add_task(
                project,
                _user(own["by"]),
                own["name"],
                own["due"],
                _user(own["assignee"]),
                today=own["added"],
                at=_at(own["added"], 20),
            )
            if "done" in own:
                opening_plan.set_done(task, task.assignee, True, at=_at(own["done"], 18))
        count += 1
    return f"{count} opening plans"


# Partners and funding plans


def load_partners():
    """Partners and budgets of projects under way (demo/data/partners.yaml), through the
    partners' services: each partner is added "to contact" on its `since` day, then moves
    through the statuses up to its own, evenly until `until`."""
    data = read("partners")
    road = [
        Partner.Status.TO_CONTACT,
        Partner.Status.CONTACTED,
        Partner.Status.MET,
        Partner.Status.COMMITTED,
        Partner.Status.SIGNED,
    ]
    added = 0
    for slug, spec in data["projects"].items():
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            raise DemoDataError(f"partners.yaml: no project {slug}")
        if project.partners.exists():
            continue
        lead = project.memberships.filter(role=Membership.Role.LEAD).select_related("user")
        lead = lead.first().user if lead.exists() else project.coach
        for period, category, label, amount in spec.get("budget", []):
            fields = {"period": period, "category": category, "label": label, "amount": amount}
            partner_services.add_budget_line(project, fields, lead)
        for item in spec["partners"]:
            _add_partner(project, item, road, data["until"])
            added += 1
    return f"{added} partners added"


def _add_partner(project, item, road, until):
    by = _user(item["by"]) if item.get("by") else None
    if by is not None and not project.memberships.filter(user=by, left_on__isnull=True).exists():
        raise DemoDataError(f"{project.slug}: {item['by']} is not in the team")
    since = item["since"]
    if since < project.started_on:
        raise DemoDataError(f"{project.slug}: {item['name']} added before the project started")
    data = {
        "name": item["name"],
        "kind": Partner.Kind(item["kind"]),
        "roles": [Partner.Role(role) for role in item.get("roles", [])],
        "status": Partner.Status.TO_CONTACT,
        "contact_name": item.get("contact", ""),
        "contact_email": item.get("email", ""),
        "contact_phone": item.get("phone", ""),
        "followed_by": by,
        "next_step": item.get("next", ""),
        "next_step_on": item.get("on"),
        "amount_asked": item.get("asked", 0),
        "amount_promised": item.get("promised", 0),
        "amount_received": item.get("received", 0),
        "notes": item.get("notes", ""),
    }
    partner = partner_services.add_partner(project, data, by, at=_at(since, 11))
    final = Partner.Status(item["status"])
    if final == Partner.Status.DECLINED:
        steps = [Partner.Status.CONTACTED, final]
    else:
        steps = road[1 : road.index(final) + 1]
    for number, (status, when) in enumerate(
        zip(steps, _spread(since, until, len(steps) + 1)[1:], strict=True)
    ):
        partner_services.change_status(
            partner, status, partner.version, by, at=_at(when, 14 + number % 3)
        )


def _spread(start, end, count):
    """`count` dates from start to end, evenly spaced."""
    if count <= 1:
        return [end]
    step = (end - start) / (count - 1)
    return [start + step * index for index in range(count)]


# Training days


def _local(text):
    return timezone.make_aware(datetime.strptime(str(text), "%Y-%m-%d %H:%M"))


def load_training_days():
    data = read("training_days")
    catalogue = CourseCatalogPage.objects.first()
    if catalogue is None:
        raise DemoDataError("The training days need the course catalogue: load the courses first.")
    index = TrainingDayIndexPage.objects.first()
    if index is None:
        index = TrainingDayIndexPage(**data["index"], show_in_menus=True)
        catalogue.add_child(instance=index)
        index.save_revision().publish()
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    added = 0
    for spec in data["days"]:
        day = TrainingDayPage.objects.filter(slug=spec["slug"]).first()
        if day is not None:
            continue
        day = TrainingDayPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            programme=spec["programme"],
            course=CoursePage.objects.filter(slug=spec["course"]).first(),
        )
        index.add_child(instance=day)
        day.stages.set([stages[slug] for slug in spec["stages"] if slug in stages])
        day.save_revision().publish()
        for session_spec in spec["sessions"]:
            _add_session(day, session_spec)
        added += 1
    return f"{added} training days added"


def _add_session(day, spec):
    session = TrainingSession.objects.create(
        day=day,
        starts_at=_local(spec["starts"]),
        ends_at=_local(spec["ends"]),
        canteen=Project.objects.get(slug=spec["canteen"]),
        address=spec.get("address", ""),
        capacity_people=spec["places"],
        capacity_teams=spec["teams"],
        signup_deadline=_local(spec["deadline"]),
        practical_note=spec.get("note", ""),
    )
    trainers = [_user(email) for email in spec["trainers"]]
    session.trainers.set(trainers)
    for signup in spec.get("signed_up", []):
        people = [_user(email) for email in signup["people"]]
        day_services.set_team_seats(
            session,
            Project.objects.get(slug=signup["project"]),
            [person.pk for person in people],
            people[0],
            now=_at(date.fromisoformat(str(signup["at"]))),
        )
    # The emails of the past are not sent again: every seat has been told its status.
    session.seats.update(notified_status=F("status"))
    if session.ends_at < timezone.now():
        marks = spec.get("attendance") or {}
        for seat in session.seats.filter(status=SessionSeat.Status.CONFIRMED).select_related(
            "user"
        ):
            day_services.take_attendance(
                session,
                seat.pk,
                marks.get(seat.user.email, "present"),
                trainers[0],
                now=session.ends_at,
            )
        session.seats.update(feedback_asked_at=session.ends_at, reminder_sent_at=session.starts_at)
        for answer in spec.get("feedback", []):
            seat = session.seats.get(user__email=answer["email"])
            day_services.submit_feedback(
                seat,
                seat.user,
                answer["usefulness"],
                answer["take_home"],
                answer.get("quote", ""),
                now=session.ends_at + timedelta(days=2),
            )


# Who is who and mentoring


def load_network():
    """Profiles with each person's own consent, the mentor role, pairings with their threads
    and visits (demo/data/network.yaml), through the services of projects.network and
    projects.mentoring. A profile or a pairing that exists is left alone."""
    from taggit.models import Tag

    data = read("network")
    themes = dict(Tag.objects.values_list("name", "slug"))
    profiles = 0
    for spec in data["profiles"]:
        project = Project.objects.get(slug=spec["project"])
        if NetworkProfile.objects.filter(project=project).exists():
            continue
        keys = [f"stage:{slug}" for slug in spec.get("stages", [])]
        for name in spec.get("themes", []):
            if name not in themes:
                raise DemoDataError(f"{project.slug}: no toolbox topic {name!r}")
            keys.append(f"theme:{themes[name]}")
        network.update_profile(project, None, spec["presentation"], keys)
        for person in spec.get("people", []):
            membership = Membership.objects.filter(
                project=project, user__email=person["email"], left_on__isnull=True
            ).first()
            if membership is None:
                raise DemoDataError(f"{project.slug}: {person['email']} is not in the team")
            network.set_consent(
                membership,
                person.get("contact", False),
                person.get("phone", False),
                person.get("mentoring", False),
            )
        profiles += 1
    mentor_group = Group.objects.get(name=roles.MENTOR)
    for email in data["mentors"]:
        _user(email).groups.add(mentor_group)
    pairings = 0
    for spec in data["pairings"]:
        project = Project.objects.get(slug=spec["project"])
        mentor = _user(spec["mentor"])
        if Mentorship.objects.filter(project=project, mentor=mentor).exists():
            continue
        # A fresh permission cache: the group was given a moment ago.
        mentor = _user(spec["mentor"])
        pairing = mentoring.pair(
            project, mentor, _user(spec["by"]), spec.get("note", ""), at=_at(spec["since"], 9)
        )
        for message in spec.get("thread", []):
            author = _user(message["by"])
            mentoring.post_message(
                pairing,
                author,
                message["text"],
                from_mentor=author.pk == mentor.pk,
                at=_at(message["date"], 18),
            )
        for visit in spec.get("visits", []):
            mentoring.log_visit(
                pairing, _user(visit["by"]), visit["kind"], visit["date"], visit["note"]
            )
        if spec.get("documents_shared"):
            mentoring.set_documents_shared(pairing, True)
        pairings += 1
    return f"{profiles} profiles and {pairings} mentoring pairs added"


# Questions to the network and examples from teams


def load_questions_and_examples():
    data = read("questions")
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    topics = {tag.name: tag for tag in Tag.objects.all()}
    added = sum(_add_question(spec, stages, topics) for spec in data["questions"])
    published = sum(_add_example(spec) for spec in data["examples"])
    return f"{added} questions and {published} examples added"


def _add_question(spec, stages, topics):
    if Question.objects.filter(title=spec["title"]).exists():
        return 0
    topic = None
    if "topic" in spec:
        topic = topics.get(spec["topic"])
        if topic is None:
            raise DemoDataError(f"No toolbox topic “{spec['topic']}” (toolbox.yaml)")
    question = question_services.ask(
        _user(spec["by"]),
        spec["title"],
        spec["text"],
        stage=stages[spec["stage"]] if "stage" in spec else None,
        topic=topic,
        at=_at(spec["date"], 9),
    )
    helped = None
    for number, answer_spec in enumerate(spec["answers"]):
        reply = question_services.answer(
            question, _user(answer_spec["by"]), answer_spec["text"], at=_at(answer_spec["date"], 11)
        )
        if answer_spec.get("helped"):
            helped = reply
        for report in answer_spec.get("reports", []):
            question_services.report(
                question,
                reply,
                _user(report["by"]),
                report["reason"],
                at=_at(answer_spec["date"], 14 + number % 4),
            )
        if "hidden" in answer_spec:
            hidden = answer_spec["hidden"]
            question_services.hide(
                question, reply, _user(hidden["by"]), hidden["reason"], at=_at(hidden["date"], 18)
            )
    if helped is not None:
        question_services.mark_helpful(question, helped, question.author)
    if spec.get("faq"):
        question.refresh_from_db()
        question_services.make_faq_entry(question, _user("siege@example.org"))
    return 1


def _add_example(spec):
    project = Project.objects.filter(slug=spec["project"]).first()
    if project is None:
        raise DemoDataError(f"No project {spec['project']} for an example")
    accepted = [
        deliverable
        for deliverable in project.deliverables.filter(review_status="accepted")
        .select_related("requirement")
        .order_by("-reviewed_at")
        if _same_name(deliverable.requirement.name) == _same_name(spec["document"])
    ]
    if not accepted:
        raise DemoDataError(f"{project.slug}: no accepted document “{spec['document']}”")
    if Example.objects.filter(deliverable=accepted[0]).exists():
        return 0
    example = example_services.propose(
        accepted[0],
        _user(spec["proposed_by"]),
        spec["title"],
        spec["description"],
        at=_at(spec["proposed"], 10),
    )
    replacement = None
    if "anonymised_copy" in spec:
        content = make_pdf(spec["title"], [spec["description"]])
        replacement = check_upload(
            SimpleUploadedFile(spec["anonymised_copy"], content, "application/pdf")
        )
    example_services.consent(
        example,
        _user(spec["consented_by"]),
        credit_canteen=spec["credit_canteen"],
        show_uploader=spec["show_uploader"],
        replacement=replacement,
        at=_at(spec["consented"], 16),
    )
    return 1
