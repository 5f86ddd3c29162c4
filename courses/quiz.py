"""Grading of a quiz block against the published lesson, and the trainer's rules for it.

The submitted form holds, for each question, `q-<question id>` = the chosen choice id(s).
Ids are the stable ids Wagtail gives to list items, so an answer is always checked against
the questions it was given for; anything else is refused before anything is stored.

The rules (when the right answers are shown, how many attempts, how long to wait before a
retry) are settings of each quiz block; `attempt_state` applies them to a learner's attempts so
that the lesson page and the service that records an attempt answer the same way.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


class AnswerReveal(models.TextChoices):
    AFTER_PASS = "pass", gettext_lazy("After the learner passes")
    AFTER_ATTEMPTS = "attempts", gettext_lazy("After a number of attempts")
    NEVER = "never", gettext_lazy("Never")


@dataclass(frozen=True)
class QuizStats:
    """A learner's attempts at one quiz block."""

    attempts: int = 0
    passes: int = 0
    best: int | None = None
    last_at: datetime | None = None
    last_passed: bool = False


@dataclass(frozen=True)
class AttemptState:
    reveal: bool  # the right answers may be shown
    can_try: bool
    refusal: str = ""  # why not, when it cannot
    attempts_left: int | None = None  # None: unlimited
    reveal_rule: str = ""  # when the right answers will be shown, for the learner


def attempt_state(value, stats, now=None):
    """Apply a quiz block's rules (its StructValue) to a learner's QuizStats."""
    rule = value.get("show_answers") or AnswerReveal.AFTER_PASS
    reveal_after = value.get("reveal_after") or 0
    if rule == AnswerReveal.NEVER:
        reveal, reveal_rule = False, _("The right answers of this quiz are not shown.")
    elif rule == AnswerReveal.AFTER_ATTEMPTS and reveal_after:
        reveal = stats.attempts >= reveal_after
        reveal_rule = ngettext(
            "The right answers are shown after %(count)s attempt.",
            "The right answers are shown after %(count)s attempts.",
            reveal_after,
        ) % {"count": reveal_after}
    else:
        reveal, reveal_rule = stats.passes > 0, _("The right answers are shown once you pass.")
    maximum = value.get("max_attempts") or None
    left = max(maximum - stats.attempts, 0) if maximum else None
    refusal = ""
    if left == 0:
        refusal = ngettext(
            "You have used the %(count)s attempt allowed for this quiz.",
            "You have used the %(count)s attempts allowed for this quiz.",
            maximum,
        ) % {"count": maximum}
    wait = value.get("retry_wait_minutes") or 0
    if not refusal and wait and stats.last_at and not stats.last_passed:
        now = now or timezone.now()
        ready_at = stats.last_at + timedelta(minutes=wait)
        if now < ready_at:
            refusal = _("You can try again at %(time)s.") % {
                "time": time_format(timezone.localtime(ready_at), "H:i")
            }
    return AttemptState(
        reveal=reveal,
        can_try=not refusal,
        refusal=refusal,
        attempts_left=left,
        reveal_rule=reveal_rule,
    )


def choice_order(choices, seed):
    """The choices of a question in the order of this attempt (a new order for each attempt,
    the same one when the page is loaded again)."""
    ordered = list(choices)
    random.Random(seed).shuffle(ordered)
    return ordered


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
