"""StreamField blocks of the training track.

`BaseContentBlock` holds the blocks any content page of the site may use (the toolbox imports
it); `LessonBodyBlock` adds what only a lesson has: the team exercise and the quiz.
Quiz answers are never rendered before the learner submits: the quiz template only receives the
questions, and the correction comes from `courses.quiz.grade` after a submission.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "courses/blocks/paragraph.html"
        preview_value = {
            "text": "<p>Une cantine de quartier, c'est d'abord des voisins qui cuisinent "
            "ensemble.</p>"
        }
        description = _("Paragraphs, lists and links.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"
        preview_value = {"text": "Préparer le premier repas", "level": "h2"}
        description = _("A section title inside the page.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        preview_value = {"caption": "Le grand plan de travail de la cuisine partagée."}
        description = _("A picture with its text alternative and caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"),
        help_text=_("The address of the video page (PeerTube, Vimeo, YouTube...)."),
    )
    title = blocks.CharBlock(label=_("title"), max_length=150)
    transcript = blocks.RichTextBlock(
        label=_("transcript or summary"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A text version for people who cannot watch or hear the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        preview_value = {
            "title": "Visite d'une cantine un jour de repas",
            "transcript": "<p>Une responsable de cantine raconte sa journée.</p>",
        }
        description = _("An embedded video with a text version.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("what it is for"), required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "courses/blocks/document.html"
        preview_value = {
            "title": "Modèle de plan de maîtrise sanitaire",
            "description": "À adapter à votre cuisine avant la visite des services vétérinaires.",
        }
        description = _("A document to download, from the toolbox or the document library.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("canteen", _("At the canteen")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "courses/blocks/callout.html"
        preview_value = {
            "kind": "canteen",
            "title": "À la cantine",
            "text": "<p>Le mardi, l'équipe pèse les restes pour ajuster les quantités.</p>",
        }
        description = _("A tip, a warning or a real example from a canteen.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("testimony"), max_length=1000)
    author = blocks.CharBlock(label=_("who says it"), max_length=120)
    role = blocks.CharBlock(
        label=_("their role"),
        required=False,
        max_length=150,
        help_text=_("For example: volunteer at the Lille canteen."),
    )

    class Meta:
        icon = "openquote"
        label = _("Testimony")
        template = "courses/blocks/quote.html"
        preview_value = {
            "quote": "Ici, personne ne demande d'où tu viens : on te tend un couteau et une "
            "planche.",
            "author": "Fatou",
            "role": "convive devenue bénévole",
        }
        description = _("Words of someone who lives the canteen.")


class BaseContentBlock(blocks.StreamBlock):
    """Content blocks shared by lessons and toolbox resources."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()


class TeamExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    prompt = blocks.RichTextBlock(label=_("instructions"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "group"
        label = _("Team exercise")
        template = "courses/blocks/team_exercise.html"
        preview_value = {
            "title": "Votre premier cercle",
            "prompt": "<p>Listez dix voisins à qui vous parlerez du projet cette semaine.</p>",
        }
        description = _("A question the team answers on the site and finds again later.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        answers = context.get("exercise_answers") or {}
        context["teams"] = [
            (project, answers.get((project.pk, block_id)))
            for project in context.get("exercise_projects") or []
        ]
        return context


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("question"), max_length=500)
    multiple = blocks.BooleanBlock(
        label=_("several answers may be correct"),
        required=False,
        help_text=_("Learners then tick every correct answer (checkboxes)."),
    )
    choices = blocks.ListBlock(QuizChoiceBlock(), label=_("answers"), min_num=2, max_num=8)
    explanation = blocks.RichTextBlock(
        label=_("explanation shown after answering"),
        required=False,
        features=RICH_TEXT_FEATURES,
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one correct answer."))}
            )
        if correct > 1 and not value["multiple"]:
            raise StructBlockValidationError(
                block_errors={
                    "multiple": ValidationError(
                        _("Several answers are marked correct: tick this box, or keep one.")
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    intro = blocks.TextBlock(label=_("introduction"), required=False, max_length=500)
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("questions"), min_num=1)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"),
        min_value=1,
        max_value=100,
        default=70,
        help_text=_("Share of questions to get right to pass the quiz and complete the lesson."),
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"
        preview_value = {
            "title": "Testez-vous",
            "pass_mark": 50,
            "questions": [
                {
                    "question": "Qui fixe le prix d'un repas à prix libre ?",
                    "multiple": False,
                    "choices": [
                        {"text": "Chaque convive, selon ses moyens", "correct": True},
                        {"text": "La mairie", "correct": False},
                    ],
                    "explanation": "<p>Chacun donne ce qu'il peut.</p>",
                }
            ],
        }
        description = _("Questions with one or several correct answers, and a pass mark.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        feedback = (context.get("quiz_feedback") or {}).get(block_id)
        questions = []
        for question in value["questions"].bound_blocks:
            result = feedback["questions"].get(question.id) if feedback else None
            choices = []
            for choice in question.value["choices"].bound_blocks:
                item = {"id": choice.id, "text": choice.value["text"]}
                if result is not None:
                    # Only after a submission: the correction of this attempt.
                    item["chosen"] = choice.id in result["chosen"]
                    item["correct"] = bool(choice.value["correct"])
                choices.append(item)
            questions.append(
                {
                    "id": question.id,
                    "text": question.value["question"],
                    "multiple": question.value["multiple"],
                    "choices": choices,
                    "result": result,
                    "explanation": question.value["explanation"] if result else None,
                }
            )
        context["questions"] = questions
        context["feedback"] = feedback
        context["best"] = (context.get("quiz_best") or {}).get(block_id)
        return context


class LessonBodyBlock(BaseContentBlock):
    exercise = TeamExerciseBlock()
    quiz = QuizBlock()
