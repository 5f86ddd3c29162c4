"""StreamField blocks of the training track.

`LessonBodyBlock` adds to the site's shared content blocks (`canteen_site.blocks`) what only a
lesson has: the team exercise and the quiz.
Quiz answers are never rendered before the learner submits: the quiz template only receives the
questions, and the correction comes from `courses.quiz.grade` after a submission.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from canteen_site.blocks import RICH_TEXT_FEATURES, BaseContentBlock

from .quiz import AnswerReveal, QuizStats, attempt_state, choice_order


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
    show_answers = blocks.ChoiceBlock(
        choices=AnswerReveal.choices,
        default=AnswerReveal.AFTER_PASS,
        label=_("show the right answers"),
        help_text=_(
            "Explanations of the learner's own wrong answers are always shown after each attempt."
        ),
    )
    reveal_after = blocks.IntegerBlock(
        label=_("number of attempts before the right answers are shown"),
        required=False,
        min_value=1,
        max_value=50,
        help_text=_("Only with “After a number of attempts”."),
    )
    max_attempts = blocks.IntegerBlock(
        label=_("attempts allowed"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Leave empty for unlimited attempts."),
    )
    retry_wait_minutes = blocks.IntegerBlock(
        label=_("wait before trying again (minutes)"),
        required=False,
        min_value=0,
        max_value=10080,
        help_text=_("Time a learner waits after a failed attempt. Leave empty for none."),
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"
        preview_value = {
            "title": "Testez-vous",
            "pass_mark": 50,
            "show_answers": AnswerReveal.AFTER_PASS,
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

    def clean(self, value):
        value = super().clean(value)
        if value["show_answers"] == AnswerReveal.AFTER_ATTEMPTS and not value["reveal_after"]:
            raise StructBlockValidationError(
                block_errors={
                    "reveal_after": ValidationError(
                        _("Say after how many attempts the right answers are shown.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("id")
        feedback = (context.get("quiz_feedback") or {}).get(block_id)
        stats = (context.get("quiz_stats") or {}).get(block_id) or QuizStats()
        state = attempt_state(value, stats)
        user = context.get("request") and context["request"].user
        seed = f"{getattr(user, 'pk', '')}:{block_id}:{stats.attempts}"
        questions = []
        for question in value["questions"].bound_blocks:
            result = feedback["questions"].get(question.id) if feedback else None
            choices = []
            for choice in choice_order(
                question.value["choices"].bound_blocks, f"{seed}:{question.id}"
            ):
                item = {"id": choice.id, "text": choice.value["text"]}
                if result is not None:
                    # Only after a submission: the correction of this attempt, with the right
                    # answers only when the trainer's rule allows it.
                    item["chosen"] = choice.id in result["chosen"]
                    item["wrong"] = item["chosen"] and not choice.value["correct"]
                    item["correct"] = state.reveal and bool(choice.value["correct"])
                choices.append(item)
            show_explanation = result is not None and (state.reveal or not result["correct"])
            questions.append(
                {
                    "id": question.id,
                    "text": question.value["question"],
                    "multiple": question.value["multiple"],
                    "choices": choices,
                    "result": result,
                    "explanation": question.value["explanation"] if show_explanation else None,
                }
            )
        context["questions"] = questions
        context["feedback"] = feedback
        context["best"] = stats.best
        context["quiz_state"] = state
        return context


class LessonBodyBlock(BaseContentBlock):
    exercise = TeamExerciseBlock()
    quiz = QuizBlock()
