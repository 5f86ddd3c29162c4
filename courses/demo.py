"""Demo content of the training track: the catalogue, six courses, and some progress for the
demo teams (Bagnolet and Senlis, created by projects.demo). Safe to run again: nothing doubles.
"""

import io
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from canteen_site.demo_files import make_pdf
from canteen_site.models import HomePage
from canteen_site.permissions import grant_section_permissions
from projects.models import Membership, Stage

from . import demo_content as content
from .models import (
    EDIT_CATALOGUE,
    CourseCatalogPage,
    CourseCompletion,
    CoursePage,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)
from .services import record_lesson_completed

NAMESPACE = uuid.UUID("6b1d3c52-6a4e-4d53-9a55-1f2a2f0c9e11")
TRAINER_EMAIL = "formatrice@example.org"
HEAD_OFFICE_EMAIL = "siege@example.org"


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


# Media


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


def load_images():
    Image = get_image_model()
    images = {}
    for key, (title, colour, background) in content.IMAGES.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title)
            png = io.BytesIO(_png(colour, background))
            image.file = ImageFile(png, name=f"formation-{key}.png")
            image.save()
        images[key] = image.pk
    return images


def load_documents():
    Document = get_document_model()
    documents = {}
    for key, (title, text) in content.DOCUMENTS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file = ContentFile(make_pdf(text, []), name=f"formation-{key}.pdf")
            document.save()
        documents[key] = document.pk
    return documents


def load_embeds():
    """Stored embeds, so that the demo videos render without asking a video site."""
    videos = {}
    for key, (url, title) in content.VIDEOS.items():
        slug = url.rsplit("/", 1)[-1]
        html = (
            f'<iframe title="{title}" src="https://videos.example.org/videos/embed/{slug}" '
            'width="640" height="360" loading="lazy" allowfullscreen></iframe>'
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
    return videos


# Pages


def _stream(course_slug, lesson_slug, blocks, media):
    images, documents, videos = media
    stream = []
    for index, (block_type, value) in enumerate(blocks):
        value = dict(value)
        block_id = _id(course_slug, lesson_slug, str(index))
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
                                "value": {"text": text, "correct": correct},
                            }
                            for choice_number, (text, correct) in enumerate(question["choices"])
                        ],
                    },
                }
                for number, question in enumerate(value["questions"])
            ]
        stream.append({"type": block_type, "value": value, "id": block_id})
    return stream


def load_catalogue(home):
    catalogue = CourseCatalogPage.objects.first()
    if catalogue is None:
        catalogue = CourseCatalogPage(
            title=content.CATALOGUE["title"],
            slug=content.CATALOGUE["slug"],
            intro=content.CATALOGUE["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    if home.training_page_id is None:
        draft = home.get_latest_revision_as_object()
        draft.training_page = catalogue
        draft.save_revision().publish()
    return catalogue


def load_course(catalogue, data, media, trainer, courses):
    course = CoursePage.objects.filter(slug=data["slug"]).first()
    if course is not None:
        return course, False
    images = media[0]
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        audience=data["audience"],
        duration_minutes=data["duration"],
        objectives="<ul>" + "".join(f"<li>{item}</li>" for item in data["objectives"]) + "</ul>",
        access=data["access"],
        ordered=data["ordered"],
        cover_image_id=images[data["image"]],
    )
    catalogue.add_child(instance=course)
    course.tags.add(*data["tags"])
    course.stages.set(Stage.objects.filter(slug__in=data["stages"]))
    course.prerequisites.set([courses[slug] for slug in data["prerequisites"]])
    if trainer is not None:
        course.trainers.set([trainer])
    course.save_revision().publish()
    for lesson_data in data["lessons"]:
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=lesson_data["slug"],
            summary=lesson_data["summary"],
            duration_minutes=lesson_data["duration"],
            body=_stream(data["slug"], lesson_data["slug"], lesson_data["body"], media),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course, True


def load_requirements(courses):
    stages = {stage.slug: stage for stage in Stage.objects.all()}
    for stage_slug, course_slugs in content.STAGE_REQUIREMENTS.items():
        if stage_slug not in stages:
            continue
        for slug in course_slugs:
            StageCourseRequirement.objects.get_or_create(
                stage=stages[stage_slug], course=courses[slug]
            )


# Progress of the demo teams


def _answers(lesson, block_id):
    block = next(block for block in lesson.body if block.id == block_id)
    return {
        question.id: [c.id for c in question.value["choices"].bound_blocks if c.value["correct"]]
        for question in block.value["questions"].bound_blocks
    }


def _complete(user, course, lesson, when, failed_first=False):
    if LessonCompletion.objects.filter(user=user, lesson=lesson).exists():
        return
    method = LessonCompletion.Method.BUTTON
    for block in lesson.quiz_blocks():
        method = LessonCompletion.Method.QUIZ
        questions = len(block.value["questions"])
        if failed_first:
            QuizAttempt.objects.create(
                user=user,
                lesson=lesson,
                course=course,
                block_id=block.id,
                submitted_at=when - timedelta(minutes=20),
                score=0,
                correct_count=0,
                question_count=questions,
                passed=False,
                answers={},
            )
        QuizAttempt.objects.create(
            user=user,
            lesson=lesson,
            course=course,
            block_id=block.id,
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


def follow(user, course, count, start_days_ago, failed_first=False):
    """The user completes the first `count` lessons of the course, a few days apart."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    now = timezone.now()
    for number, lesson in enumerate(lessons[:count]):
        when = now - timedelta(days=start_days_ago - 3 * number, hours=number)
        _complete(user, course, lesson, when, failed_first=failed_first and number == 1)
    if count >= len(lessons):
        last = LessonCompletion.objects.filter(user=user, course=course).order_by("-completed_at")
        CourseCompletion.objects.get_or_create(
            user=user, course=course, defaults={"completed_at": last.first().completed_at}
        )


TEAM_ANSWER = (
    "Karim : parce que notre dalle mérite mieux qu'un local vide.\n"
    "Aïssatou : pour que ma mère ne mange plus seule le midi.\n"
    "Julien : j'aime cuisiner pour beaucoup de monde, et je ne connais pas mes voisins.\n"
    "Mireille : pour transmettre les recettes de ma grand-mère."
)


def load_team_answer(project, author, course):
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    block = next(block for block in lesson.body if block.block_type == "exercise")
    ExerciseAnswer.objects.get_or_create(
        project=project,
        lesson=lesson,
        block_id=block.id,
        defaults={"text": TEAM_ANSWER, "updated_by": author},
    )


def load_progress(courses):
    User = get_user_model()
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    head_office = User.objects.filter(email=HEAD_OFFICE_EMAIL).first()
    teams = {
        membership.user.email: membership
        for membership in Membership.objects.filter(
            user__email__in=["equipe.bagnolet@example.org", "equipe.senlis@example.org"],
            left_on__isnull=True,
        ).select_related("user", "project")
    }
    bagnolet = teams.get("equipe.bagnolet@example.org")
    senlis = teams.get("equipe.senlis@example.org")
    if bagnolet:
        for slug in ("gouvernance-partagee", "plan-de-maitrise-sanitaire", "preparer-l-ouverture"):
            TeamEnrolment.objects.get_or_create(
                project=bagnolet.project,
                course=courses[slug],
                defaults={"enrolled_by": trainer, "enrolled_at": timezone.now() - timedelta(150)},
            )
        karim = bagnolet.user
        Enrolment.objects.get_or_create(
            user=karim, course=courses["posture-d-accueil"], defaults={"enrolled_by": karim}
        )
        follow(karim, courses["gouvernance-partagee"], 6, 140, failed_first=True)
        follow(karim, courses["plan-de-maitrise-sanitaire"], 2, 40)
        follow(karim, courses["preparer-l-ouverture"], 1, 20)
        load_team_answer(bagnolet.project, karim, courses["gouvernance-partagee"])
        colleague = (
            Membership.objects.filter(project=bagnolet.project, left_on__isnull=True)
            .exclude(user=karim)
            .select_related("user")
            .first()
        )
        if colleague:
            follow(colleague.user, courses["gouvernance-partagee"], 3, 130)
            follow(colleague.user, courses["plan-de-maitrise-sanitaire"], 1, 30)
    if senlis:
        TeamEnrolment.objects.get_or_create(
            project=senlis.project,
            course=courses["gouvernance-partagee"],
            defaults={"enrolled_by": head_office, "enrolled_at": timezone.now() - timedelta(90)},
        )
        helene = senlis.user
        Enrolment.objects.get_or_create(
            user=helene, course=courses["le-prix-libre"], defaults={"enrolled_by": helene}
        )
        follow(helene, courses["gouvernance-partagee"], 2, 80)
        follow(helene, courses["le-prix-libre"], 1, 10)


def load(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("courses: no home page, nothing loaded")
        return
    trainer = get_user_model().objects.filter(email=TRAINER_EMAIL).first()
    media = (load_images(), load_documents(), load_embeds())
    catalogue = load_catalogue(home)
    courses, created = {}, 0
    for data in content.COURSES:
        courses[data["slug"]], new = load_course(catalogue, data, media, trainer, courses)
        created += new
    load_requirements(courses)
    grant_section_permissions(catalogue, EDIT_CATALOGUE)
    load_progress(courses)
    stdout.write(f"courses: {created} courses added")
