"""Learning and progress: enrolling, completing lessons, quizzes, team exercises, the team's
view, the exit criterion, and bad input that must change nothing."""

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from canteen_site.panels import my_space, team_space
from courses.models import (
    CourseCompletion,
    Enrolment,
    ExerciseAnswer,
    LessonCompletion,
    QuizAttempt,
    StageCourseRequirement,
    TeamEnrolment,
)
from courses.panels import TEAM_LEARNING_TEMPLATE, team_learning_data
from projects import exit_criteria
from projects.models import (
    ChecklistItem,
    DeliverableRequirement,
    Membership,
    ProjectEvent,
    Stage,
    StageRequest,
)
from projects.services import ProjectActionError, request_next_stage
from tests.factories.courses import (
    EXPLANATION,
    exercise_block,
    lessons_of,
    make_course,
    paragraph,
    quiz_block,
    right_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, the language of the source strings."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def quiz():
    return quiz_block("quiz-1", pass_mark=100, multiple=True)


@pytest.fixture
def course(db, quiz):
    return make_course(
        "Gouvernance",
        lessons=3,
        bodies={1: [paragraph("Quiz"), quiz], 2: [exercise_block("exercise-1")]},
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def complete_url(lesson):
    return reverse("courses:complete", args=[lesson.pk])


def quiz_url(lesson, block_id="quiz-1"):
    return reverse("courses:quiz", args=[lesson.pk, block_id])


# Enrolment


def test_one_button_enrols_and_a_second_enrolment_changes_nothing(client, team_member, course):
    url = reverse("courses:enrol", args=[course.pk])
    response = post(client, team_member, url)
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=team_member, course=course).count() == 1
    response = client.post(url)
    assert Enrolment.objects.filter(user=team_member, course=course).count() == 1
    assert "already enrolled" in " ".join(messages_of(response))


def test_anonymous_enrolment_goes_to_login(client, course):
    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Enrolment.objects.exists()


def test_user_outside_the_network_cannot_enrol_in_a_members_course(client, make_user, course):
    response = post(
        client, make_user("voisin@test.org"), reverse("courses:enrol", args=[course.pk])
    )
    assert not Enrolment.objects.exists()
    assert "members of the network" in " ".join(messages_of(response))


@pytest.mark.parametrize("role", ["trainer", "head_office"])
def test_staff_enrol_a_whole_team_current_and_future_members(
    client, role_users, project, team_member, make_user, course, role
):
    url = reverse("courses:enrol_team", args=[course.pk])
    post(client, role_users[role], url, {"project": project.pk})
    assert TeamEnrolment.objects.filter(project=project, course=course).count() == 1
    newcomer = make_user("nouvelle@test.org")
    Membership.objects.create(project=project, user=newcomer)
    for member in (team_member, newcomer):
        member_client = Client()
        member_client.force_login(member)
        response = member_client.get(course.url)
        assert "Enrol in this course" not in response.content.decode()
        assert response.context["progress"].enrolled
    # Twice: refused, nothing added.
    response = client.post(url, {"project": project.pk})
    assert TeamEnrolment.objects.filter(project=project, course=course).count() == 1
    assert "already enrolled" in " ".join(messages_of(response))


@pytest.mark.parametrize("role", ["team_member", "other_team_member"])
def test_team_members_cannot_enrol_a_team(client, role_users, project, course, role):
    response = post(
        client,
        role_users[role],
        reverse("courses:enrol_team", args=[course.pk]),
        {"project": project.pk},
    )
    assert response.status_code == 403
    assert not TeamEnrolment.objects.exists()


def test_enrolling_a_forged_team_is_refused(client, head_office, course):
    response = post(
        client, head_office, reverse("courses:enrol_team", args=[course.pk]), {"project": "999999"}
    )
    assert not TeamEnrolment.objects.exists()
    assert "Choose a project team" in " ".join(messages_of(response))


def test_member_who_left_the_team_is_no_longer_enrolled_through_it(
    client, project, team_member, head_office, course
):
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=head_office)
    Membership.objects.filter(user=team_member).update(left_on="2026-01-01")
    client.force_login(team_member)
    assert not client.get(course.url).context["progress"].enrolled


# Completing lessons


def test_finishing_a_lesson_records_progress_and_a_team_event(client, team_member, project, course):
    Enrolment.objects.create(user=team_member, course=course)
    first = lessons_of(course)[0]
    response = post(client, team_member, complete_url(first))
    assert response.status_code == 302
    assert LessonCompletion.objects.filter(user=team_member, lesson=first).exists()
    event = ProjectEvent.objects.get(project=project, kind=ProjectEvent.Kind.LESSON_COMPLETED)
    assert first.title in event.summary
    assert event.actor == team_member
    page = client.get(course.url)
    assert page.context["progress"].done == 1
    assert 'aria-valuenow="33"' in page.content.decode()


def test_completing_twice_changes_nothing(client, team_member, project, course):
    Enrolment.objects.create(user=team_member, course=course)
    first = lessons_of(course)[0]
    post(client, team_member, complete_url(first))
    response = client.post(complete_url(first))
    assert LessonCompletion.objects.filter(user=team_member).count() == 1
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.LESSON_COMPLETED).count() == 1
    assert "already completed" in " ".join(messages_of(response))


def test_completing_without_enrolment_is_refused(client, team_member, course):
    response = post(client, team_member, complete_url(lessons_of(course)[0]))
    assert not LessonCompletion.objects.exists()
    assert "Enrol" in " ".join(messages_of(response))


def test_completing_a_locked_lesson_is_refused_naming_what_comes_first(client, team_member):
    ordered = make_course("Accueil", lessons=3, ordered=True)
    Enrolment.objects.create(user=team_member, course=ordered)
    lessons = lessons_of(ordered)
    response = post(client, team_member, complete_url(lessons[2]))
    assert not LessonCompletion.objects.exists()
    assert lessons[0].title in " ".join(messages_of(response))
    post(client, team_member, complete_url(lessons[0]))
    assert client.get(lessons[1].url).status_code == 200
    assert client.get(lessons[2].url).status_code == 403


def test_lesson_with_a_quiz_is_completed_by_passing_it_not_by_the_button(
    client, team_member, course
):
    Enrolment.objects.create(user=team_member, course=course)
    lesson = lessons_of(course)[1]
    response = post(client, team_member, complete_url(lesson))
    assert not LessonCompletion.objects.exists()
    assert "quiz" in " ".join(messages_of(response))


def test_last_lesson_completes_the_course_with_an_attestation(client, team_member, course, quiz):
    Enrolment.objects.create(user=team_member, course=course)
    first, second, third = lessons_of(course)
    post(client, team_member, complete_url(first))
    client.post(quiz_url(second), right_answers(quiz))
    client.post(complete_url(third))
    completion = CourseCompletion.objects.get(user=team_member, course=course)
    response = client.get(reverse("courses:attestation", args=[course.pk]))
    content = response.content.decode()
    assert course.title in content
    assert team_member.email in content  # no name given: the address stands for it
    assert course.duration_display in content
    assert str(completion.completed_at.year) in content
    learning = client.get(reverse("courses:my_learning")).content.decode()
    assert reverse("courses:attestation", args=[course.pk]) in learning


# Quizzes


def test_quiz_is_graded_on_the_server_with_explanations_after_submitting(
    client, team_member, course, quiz
):
    Enrolment.objects.create(user=team_member, course=course)
    lesson = lessons_of(course)[1]
    wrong = {"q-quiz-1-q1": "quiz-1-a2", "q-quiz-1-q2": ["quiz-1-b1"]}
    response = post(client, team_member, quiz_url(lesson), wrong)
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.passed, attempt.correct_count) == (0, False, 0)
    assert not LessonCompletion.objects.exists()
    assert response["Location"].endswith(f"?tentative={attempt.pk}#quiz-quiz-1")
    result = client.get(response["Location"]).content.decode()
    assert EXPLANATION in result  # the explanation of a wrong answer, at once
    assert "choice-correct" not in result  # the right answers only after a pass
    # Retry: a second attempt is stored and passing completes the lesson.
    client.post(quiz_url(lesson), right_answers(quiz))
    assert QuizAttempt.objects.count() == 2
    assert QuizAttempt.objects.filter(passed=True, score=100).count() == 1
    completion = LessonCompletion.objects.get(user=team_member, lesson=lesson)
    assert completion.method == LessonCompletion.Method.QUIZ


def test_someone_elses_attempt_is_not_shown(client, team_member, other_team_member, course, quiz):
    Enrolment.objects.create(user=team_member, course=course)
    lesson = lessons_of(course)[1]
    response = post(client, team_member, quiz_url(lesson), right_answers(quiz))
    other = Client()
    other.force_login(other_team_member)
    assert EXPLANATION not in other.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"q-quiz-1-q1": "quiz-1-a1"}, "no answer"),
        ({"q-quiz-1-q1": "forged", "q-quiz-1-q2": "quiz-1-b1"}, "does not belong"),
        ({"q-quiz-1-q1": "quiz-1-b1", "q-quiz-1-q2": "quiz-1-b1"}, "does not belong"),
        ({"q-quiz-1-q1": ["quiz-1-a1", "quiz-1-a2"], "q-quiz-1-q2": "quiz-1-b1"}, "only one"),
        ({}, "no answer"),
    ],
)
def test_bad_quiz_answers_change_nothing(client, team_member, course, data, message):
    Enrolment.objects.create(user=team_member, course=course)
    response = post(client, team_member, quiz_url(lessons_of(course)[1]), data)
    assert not QuizAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()
    assert message in " ".join(messages_of(response))


def test_quiz_answer_sent_to_another_lesson_is_refused(client, team_member, course, quiz):
    Enrolment.objects.create(user=team_member, course=course)
    first = lessons_of(course)[0]
    response = post(client, team_member, quiz_url(first), right_answers(quiz))
    assert not QuizAttempt.objects.exists()
    assert "not part of this lesson" in " ".join(messages_of(response))


def test_quiz_without_enrolment_is_refused(client, team_member, course, quiz):
    post(client, team_member, quiz_url(lessons_of(course)[1]), right_answers(quiz))
    assert not QuizAttempt.objects.exists()


def test_posts_without_csrf_token_are_refused(team_member, head_office, project, course, quiz):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team_member)
    lessons = lessons_of(course)
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 403
    Enrolment.objects.create(user=team_member, course=course)
    assert client.post(complete_url(lessons[0])).status_code == 403
    assert client.post(quiz_url(lessons[1]), right_answers(quiz)).status_code == 403
    exercise_url = reverse("courses:exercise", args=[lessons[2].pk, "exercise-1"])
    data = {"project": project.pk, "answer": "Texte"}
    assert client.post(exercise_url, data).status_code == 403
    client.force_login(head_office)
    team_url = reverse("courses:enrol_team", args=[course.pk])
    assert client.post(team_url, {"project": project.pk}).status_code == 403
    assert Enrolment.objects.count() == 1
    assert not LessonCompletion.objects.exists()
    assert not QuizAttempt.objects.exists()
    assert not ExerciseAnswer.objects.exists()
    assert not TeamEnrolment.objects.exists()


# Team exercises


def test_team_answer_is_kept_for_the_team_and_hidden_from_others(
    client, team_member, other_team_member, project, course
):
    lesson = lessons_of(course)[2]
    url = reverse("courses:exercise", args=[lesson.pk, "exercise-1"])
    post(client, team_member, url, {"project": project.pk, "answer": "Notre réponse commune"})
    answer = ExerciseAnswer.objects.get()
    assert (answer.project, answer.block_id, answer.updated_by) == (
        project,
        "exercise-1",
        team_member,
    )
    assert "Notre réponse commune" in client.get(lesson.url).content.decode()
    client.post(url, {"project": project.pk, "answer": "Version revue"})
    assert ExerciseAnswer.objects.get().text == "Version revue"
    other = Client()
    other.force_login(other_team_member)
    assert "Version revue" not in other.get(lesson.url).content.decode()


@pytest.mark.parametrize(
    "block_id, answer, message",
    [
        ("exercise-1", "   ", "Write"),
        ("exercise-1", "x" * 10001, "too long"),
        ("quiz-1", "Texte", "not part of this lesson"),
    ],
)
def test_bad_exercise_answers_change_nothing(
    client, team_member, project, course, block_id, answer, message
):
    lesson = lessons_of(course)[2]
    url = reverse("courses:exercise", args=[lesson.pk, block_id])
    response = post(client, team_member, url, {"project": project.pk, "answer": answer})
    assert not ExerciseAnswer.objects.exists()
    assert message in " ".join(messages_of(response))


def test_nobody_answers_for_another_team(client, other_team_member, project, course):
    lesson = lessons_of(course)[2]
    url = reverse("courses:exercise", args=[lesson.pk, "exercise-1"])
    response = post(client, other_team_member, url, {"project": project.pk, "answer": "Intrus"})
    assert not ExerciseAnswer.objects.exists()
    assert "Only the members" in " ".join(messages_of(response))


# Team space, my space, exit criteria


def test_team_panel_shows_each_member_and_done_when_one_member_finished(
    rf, client, project, team_member, make_user, head_office, course, first_stage
):
    colleague = make_user("collegue@test.org")
    Membership.objects.create(project=project, user=colleague)
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=head_office)
    recommended = make_course("Prix libre", lessons=1, stages=[first_stage])
    request = rf.get("/")
    request.user = head_office
    panel = team_learning_data(request, project)
    (item,) = panel["team_courses"]
    assert [row[0].user for row in item.members] == [team_member, colleague]
    assert not item.done_by_team
    assert [course.pk for course in panel["recommended"]] == [recommended.pk]
    assert panel["can_enrol_team"]
    assert "Done by the team" not in team_space_panel_html(request, project)
    CourseCompletion.objects.create(user=colleague, course=course)
    assert team_learning_data(request, project)["team_courses"][0].done_by_team
    assert "Done by the team" in team_space_panel_html(request, project)


def team_space_panel_html(request, project):
    (panel,) = [
        panel
        for panel in team_space.render_context(request, project=project)
        if panel["template"] == TEAM_LEARNING_TEMPLATE
    ]
    return render_to_string(panel["template"], {"panel": panel}, request=request)


def test_team_panel_follows_lessons_enrolments_and_members_at_once(
    rf, project, team_member, make_user, head_office, course
):
    request = rf.get("/")
    request.user = team_member
    assert "The team does not follow any course yet." in team_space_panel_html(request, project)
    Enrolment.objects.create(user=team_member, course=course)
    html = team_space_panel_html(request, project)
    assert course.title in html and 'aria-valuenow="0"' in html
    first = lessons_of(course)[0]
    LessonCompletion.objects.create(user=team_member, lesson=first, course=course, method="button")
    assert 'aria-valuenow="33"' in team_space_panel_html(request, project)
    newcomer = make_user("nouvelle@test.org", first_name="Inès")
    Membership.objects.create(project=project, user=newcomer)
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=head_office)
    assert "Inès" in team_space_panel_html(request, project)


def test_team_space_page_shows_the_training_panel(
    client, project, team_member, head_office, course
):
    TeamEnrolment.objects.create(project=project, course=course, enrolled_by=head_office)
    client.force_login(team_member)
    response = client.get(reverse("projects:team_space", args=[project.slug]))
    assert response.status_code == 200
    assert course.title in response.content.decode()


def test_my_space_lists_courses_with_the_next_lesson(client, team_member, course):
    Enrolment.objects.create(user=team_member, course=course)
    first, second, _third = lessons_of(course)
    LessonCompletion.objects.create(user=team_member, lesson=first, course=course, method="button")
    client.force_login(team_member)
    content = client.get(reverse("my_space")).content.decode()
    assert course.title in content
    assert second.title in content  # the lesson to continue with
    assert 'aria-valuenow="33"' in content


def test_exit_criterion_course_done_by_the_team(
    project, team_member, make_user, course, first_stage
):
    StageCourseRequirement.objects.create(stage=first_stage, course=course)
    criteria = [c for c in exit_criteria.evaluate(project) if c.kind == "course"]
    assert [(course.title in c.label, c.met) for c in criteria] == [(True, False)]
    outsider = make_user("ancien@test.org")
    CourseCompletion.objects.create(user=outsider, course=course)
    assert not [c for c in exit_criteria.evaluate(project) if c.kind == "course"][0].met
    CourseCompletion.objects.create(user=team_member, course=course)
    assert [c for c in exit_criteria.evaluate(project) if c.kind == "course"][0].met


def test_exit_criterion_applies_to_the_current_stage_only(project, course, make_user):
    later = Stage.objects.exclude(pk=project.stage_id).order_by("position").first() or (
        Stage.objects.create(name="Plus tard", slug="plus-tard", position=99)
    )
    StageCourseRequirement.objects.create(stage=later, course=course)
    assert not [c for c in exit_criteria.evaluate(project) if c.kind == "course"]


def test_my_space_panel_registered(rf, team_member, course):
    request = rf.get("/")
    request.user = team_member
    templates = [panel["template"] for panel in my_space.render_context(request)]
    assert "courses/panels/my_learning.html" in templates


def test_next_stage_request_waits_for_the_required_course(
    project, team_member, course, first_stage, make_user
):
    if not Stage.objects.filter(position__gt=first_stage.position).exists():
        Stage.objects.create(name="Suite", slug="suite", position=first_stage.position + 1)
    # Only the course stands in the way: the stage's own criteria are set aside.
    ChecklistItem.objects.filter(stage=first_stage).update(required=False)
    DeliverableRequirement.objects.filter(stage=first_stage).update(required=False)
    StageCourseRequirement.objects.create(stage=first_stage, course=course)
    with pytest.raises(ProjectActionError, match=course.title):
        request_next_stage(project, team_member)
    assert not StageRequest.objects.exists()
    CourseCompletion.objects.create(user=team_member, course=course)
    assert request_next_stage(project, team_member).project == project
