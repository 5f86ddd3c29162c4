"""A quiz proves something: the right answers are shown only when the trainer's rule allows it,
attempts may be limited and spaced, and the answers come in a new order for each attempt."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import QuizBlock
from courses.models import Enrolment, LessonCompletion, QuizAttempt
from tests.factories.courses import (
    EXPLANATION,
    lessons_of,
    make_course,
    paragraph,
    quiz_block,
    right_answers,
)

pytestmark = pytest.mark.django_db

WRONG = {"q-quiz-1-q1": "quiz-1-a2", "q-quiz-1-q2": ["quiz-1-b3"]}
CORRECT_TAG = 'class="tag tag-ok"'
WRONG_TAG = 'class="tag tag-ko"'


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def lesson_with(client, team_member, **rules):
    quiz = quiz_block("quiz-1", pass_mark=100, **rules)
    course = make_course("Quiz", lessons=1, bodies={0: [paragraph("Avant le quiz"), quiz]})
    Enrolment.objects.create(user=team_member, course=course)
    client.force_login(team_member)
    return lessons_of(course)[0], quiz


def attempt(client, lesson, data):
    response = client.post(reverse("courses:quiz", args=[lesson.pk, "quiz-1"]), data)
    messages = " ".join(str(message) for message in get_messages(response.wsgi_request))
    page = client.get(response["Location"]).content.decode()
    return page, messages


def test_a_failed_attempt_marks_the_wrong_choices_and_explains_them_but_hides_the_right_ones(
    client, team_member
):
    lesson, quiz = lesson_with(client, team_member)
    page, _ = attempt(client, lesson, WRONG)
    assert WRONG_TAG in page
    assert EXPLANATION in page  # the explanation of a question answered wrongly, at once
    assert CORRECT_TAG not in page and "choice-correct" not in page
    assert "shown once you pass" in page
    page, _ = attempt(client, lesson, right_answers(quiz))
    assert CORRECT_TAG in page  # after a pass, the right answers
    assert LessonCompletion.objects.filter(user=team_member, lesson=lesson).exists()


def test_right_answers_after_a_number_of_attempts(client, team_member):
    lesson, _quiz = lesson_with(client, team_member, show_answers="attempts", reveal_after=2)
    page, _ = attempt(client, lesson, WRONG)
    assert CORRECT_TAG not in page
    assert "shown after 2 attempts" in page
    page, _ = attempt(client, lesson, WRONG)
    assert CORRECT_TAG in page


def test_right_answers_never_shown_even_after_a_pass(client, team_member):
    lesson, quiz = lesson_with(client, team_member, show_answers="never")
    page, _ = attempt(client, lesson, right_answers(quiz))
    assert QuizAttempt.objects.get().passed
    assert CORRECT_TAG not in page and "choice-correct" not in page
    assert "not shown" in page


def test_attempts_beyond_the_limit_are_refused_and_change_nothing(client, team_member):
    lesson, quiz = lesson_with(client, team_member, max_attempts=2)
    page, _ = attempt(client, lesson, WRONG)
    assert "1 attempt left" in page
    page, _ = attempt(client, lesson, WRONG)
    assert "used the 2 attempts" in page
    assert "Try again" not in page  # no button any more
    _page, messages = attempt(client, lesson, right_answers(quiz))
    assert "used the 2 attempts" in messages
    assert QuizAttempt.objects.count() == 2
    assert not LessonCompletion.objects.exists()


def test_a_retry_waits_for_the_time_the_trainer_chose(client, team_member):
    lesson, quiz = lesson_with(client, team_member, retry_wait_minutes=30)
    attempt(client, lesson, WRONG)
    _page, messages = attempt(client, lesson, right_answers(quiz))
    assert "You can try again at" in messages
    assert QuizAttempt.objects.count() == 1
    first = QuizAttempt.objects.get()
    first.submitted_at -= timedelta(minutes=31)
    first.save()
    attempt(client, lesson, right_answers(quiz))
    assert QuizAttempt.objects.filter(passed=True).count() == 1


def choice_order(page):
    return re.findall(r'value="(quiz-1-b\d)"', page)


def test_answers_come_in_a_new_order_for_each_attempt_and_stay_put_on_reload(client, team_member):
    lesson, _quiz = lesson_with(client, team_member)
    url = lesson.get_url()
    first = choice_order(client.get(url).content.decode())
    assert sorted(first) == ["quiz-1-b1", "quiz-1-b2", "quiz-1-b3"]
    assert choice_order(client.get(url).content.decode()) == first
    orders = {tuple(first)}
    for _ in range(6):
        attempt(client, lesson, WRONG)
        orders.add(tuple(choice_order(client.get(url).content.decode())))
    assert len(orders) > 1


def test_a_quiz_revealing_after_attempts_must_say_how_many():
    block = QuizBlock()
    value = block.to_python(quiz_block("quiz-1", show_answers="attempts")["value"])
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
    value = block.to_python(quiz_block("quiz-1", show_answers="attempts", reveal_after=3)["value"])
    assert block.clean(value)["reveal_after"] == 3
