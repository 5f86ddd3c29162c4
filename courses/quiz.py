"""Grading of a quiz block against the published lesson.

The submitted form holds, for each question, `q-<question id>` = the chosen choice id(s).
Ids are the stable ids Wagtail gives to list items, so an answer is always checked against
the questions it was given for; anything else is refused before anything is stored.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class QuizError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class QuizResult:
    score: int
    correct_count: int
    question_count: int
    answers: dict  # {question id: [chosen choice ids]}


def find_block(stream, block_id, block_type):
    """The block of this type with this id in a StreamValue, or None."""
    if not block_id:
        return None
    for block in stream:
        if block.id == block_id and block.block_type == block_type:
            return block
    return None


def grade(block, data):
    """Check a submission (a QueryDict) against a quiz block; raise QuizError if malformed."""
    questions = block.value["questions"].bound_blocks
    answers = {}
    correct_count = 0
    missing = 0
    for question in questions:
        choices = question.value["choices"].bound_blocks
        valid = {choice.id for choice in choices}
        right = {choice.id for choice in choices if choice.value["correct"]}
        chosen = data.getlist(f"q-{question.id}")
        if not chosen:
            missing += 1
            continue
        if len(set(chosen)) != len(chosen) or not set(chosen) <= valid:
            raise QuizError(_("One of the answers sent does not belong to this quiz."))
        if len(chosen) > 1 and not question.value["multiple"]:
            raise QuizError(_("Choose only one answer for a single-choice question."))
        answers[question.id] = chosen
        if set(chosen) == right:
            correct_count += 1
    if missing:
        raise QuizError(
            ngettext(
                "Answer every question before checking: %(count)s question has no answer.",
                "Answer every question before checking: %(count)s questions have no answer.",
                missing,
            )
            % {"count": missing}
        )
    total = len(questions)
    score = round(100 * correct_count / total) if total else 0
    return QuizResult(
        score=score, correct_count=correct_count, question_count=total, answers=answers
    )


def feedback(block, attempt):
    """The correction of an attempt, as the quiz template expects it (see QuizBlock)."""
    questions = {}
    for question in block.value["questions"].bound_blocks:
        chosen = set(attempt.answers.get(question.id, []))
        right = {c.id for c in question.value["choices"].bound_blocks if c.value["correct"]}
        questions[question.id] = {"chosen": chosen, "correct": chosen == right}
    return {"score": attempt.score, "passed": attempt.passed, "questions": questions}
