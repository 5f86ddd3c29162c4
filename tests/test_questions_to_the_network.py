"""Questions to the network: who reads, asks, answers, marks what helped, reports, hides and
turns a question into a FAQ entry; plain text with safe links; search; the team-space panel;
the asker's notification; constant query counts on the list and on a question page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canteen_site import roles
from canteen_site.models import Notification, NotificationKind
from canteen_site.notifications import Delivery, set_delivery
from tests.factories.community import make_answer, make_question
from toolbox import question_services
from toolbox.questions import Answer, FaqEntry, ModerationAction, Question, Report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "team_member", "other_team_member", "mentor", "trainer", "head_office"]
MEMBERS = ROLES[1:]


@pytest.fixture
def mentor(make_user):
    """A mentor in none of the teams here: a network member through the mentor role's
    permissions (granted to the group by projects 0008)."""
    return make_user("mentor@test.org", roles.MENTOR, first_name="Lucie")


@pytest.fixture
def role_users(role_users, mentor):
    return {**role_users, "mentor": mentor}


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def login(client, role_users, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    return user


@pytest.fixture
def question(team_member, first_stage):
    return make_question(team_member, stage=first_stage)


@pytest.fixture
def reply(question, other_team_member):
    return make_answer(question, other_team_member)


@pytest.fixture
def outsider(make_user):
    """Logged in, but in no team and holding no right: not a network member."""
    return make_user("personne@test.org")


# --- Who sees the pages ----------------------------------------------------------------------


def member_pages(question):
    return [
        reverse("toolbox:questions"),
        reverse("toolbox:ask"),
        reverse("toolbox:question", args=[question.pk]),
        reverse("toolbox:faq"),
        reverse("toolbox:examples"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_member_pages_for_every_role(client, role_users, role, question, reply):
    login(client, role_users, role)
    for url in member_pages(question):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 200, url
    if role != "anonymous":
        page = client.get(reverse("toolbox:question", args=[question.pk])).content.decode()
        assert "Nous cherchons depuis trois mois." in page
        assert "Nous avons demandé au bailleur social." in page
        assert "(Autre Cantine)" in page  # where the answer comes from


def test_outside_the_network_every_page_is_404(client, outsider, question):
    client.force_login(outsider)
    for url in [*member_pages(question), reverse("toolbox:moderation")]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("toolbox:answer", args=[question.pk]), {"text": "Bonjour"})
    assert response.status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_head_office_sees_the_reports_queue(client, role_users, role, question, reply):
    user = login(client, role_users, role)
    question_services.report(question, reply, role_users["team_member"], "Hors sujet")
    response = client.get(reverse("toolbox:moderation"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "head_office":
        assert response.status_code == 200
        assert "Hors sujet" in response.content.decode()
    else:
        assert response.status_code == 404, user


# --- Asking and answering --------------------------------------------------------------------


@pytest.mark.parametrize("role", MEMBERS)
def test_every_member_asks_and_answers(client, role_users, role, first_stage, question):
    user = login(client, role_users, role)
    response = client.post(
        reverse("toolbox:ask"),
        {"title": "Quel prix libre ?", "text": "Comment fixer le prix ?", "stage": first_stage.pk},
    )
    asked = Question.objects.get(title="Quel prix libre ?")
    assert response.status_code == 302
    assert asked.author == user and asked.stage == first_stage
    response = client.post(reverse("toolbox:answer", args=[question.pk]), {"text": "Voici"})
    assert response.status_code == 302
    assert Answer.objects.filter(question=question, author=user, text="Voici").exists()


def test_anonymous_cannot_ask_or_answer(client, first_stage, question):
    response = client.post(
        reverse("toolbox:ask"), {"title": "Spam", "text": "Spam", "stage": first_stage.pk}
    )
    assert response.status_code == 302
    client.post(reverse("toolbox:answer", args=[question.pk]), {"text": "Spam"})
    assert not Question.objects.filter(title="Spam").exists()
    assert not Answer.objects.exists()


def test_a_question_needs_a_stage_or_a_topic_and_text(client, team_member):
    client.force_login(team_member)
    response = client.post(reverse("toolbox:ask"), {"title": "Sans étape", "text": "Texte"})
    assert response.status_code == 400
    assert "Choose the stage or the toolbox topic" in response.content.decode()
    response = client.post(reverse("toolbox:ask"), {"title": "", "text": "", "stage": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("toolbox:ask"), {"title": "Caractère\x00nul", "text": "a", "stage": ""}
    )
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_a_question_may_be_about_a_toolbox_topic(client, team_member):
    from tests.factories.toolbox import make_index, make_resource

    page = make_resource(make_index(), "Guide", tags=["financement"])
    topic = page.tags.get()
    client.force_login(team_member)
    client.post(
        reverse("toolbox:ask"), {"title": "Subventions ?", "text": "Où ?", "topic": topic.pk}
    )
    assert Question.objects.get(title="Subventions ?").topic == topic


def test_the_asker_is_told_of_each_answer_and_may_turn_it_off(
    question, team_member, other_team_member, head_office
):
    make_answer(question, other_team_member)
    notification = Notification.objects.get(recipient=team_member)
    assert notification.kind == NotificationKind.QUESTION_ANSWERED
    assert notification.link.startswith(reverse("toolbox:question", args=[question.pk]))
    # The asker answering their own question tells nobody.
    make_answer(question, team_member, "Merci !")
    assert Notification.objects.filter(recipient=team_member).count() == 1
    # "No email" for this kind: the in-site notification stays, no email is queued.
    set_delivery(team_member, NotificationKind.QUESTION_ANSWERED, Delivery.OFF)
    from django.core import mail

    mail.outbox.clear()
    make_answer(question, head_office, "Appelez-nous.")
    assert Notification.objects.filter(recipient=team_member).count() == 2
    assert not [m for m in mail.outbox if team_member.email in m.to]


def test_only_the_asker_marks_the_answer_that_helped(
    client, role_users, question, reply, team_member
):
    url = reverse("toolbox:helpful", args=[question.pk, reply.pk])
    for role in ["other_team_member", "trainer", "head_office"]:
        client.force_login(role_users[role])
        client.post(url)
        question.refresh_from_db()
        assert question.helpful_answer is None
    client.force_login(team_member)
    client.post(url)
    question.refresh_from_db()
    assert question.helpful_answer == reply
    page = client.get(reverse("toolbox:question", args=[question.pk])).content.decode()
    assert "This answer helped the person who asked" in page


def test_an_answer_of_another_question_is_404(client, team_member, question, reply, first_stage):
    other = make_question(team_member, "Autre question", stage=first_stage)
    client.force_login(team_member)
    response = client.post(reverse("toolbox:helpful", args=[other.pk, reply.pk]))
    assert response.status_code == 404


# --- Plain text with safe links --------------------------------------------------------------


def test_posts_are_plain_text_with_safe_links(client, team_member, first_stage):
    question = make_question(
        team_member,
        stage=first_stage,
        text=(
            "<script>alert(1)</script> Voir https://exemple.org/guide?a=1&b=2, "
            "pas javascript:alert(2) ni <a href='http://x.org'>lien</a>."
        ),
    )
    client.force_login(team_member)
    html = client.get(reverse("toolbox:question", args=[question.pk])).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://exemple.org/guide?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert 'href="javascript' not in html
    assert "<a href='http://x.org'>" not in html


# --- Search ----------------------------------------------------------------------------------


def test_search_finds_words_of_questions_and_answers_without_accents(
    client, team_member, other_team_member, first_stage
):
    about_premises = make_question(team_member, "Où trouver un local ?", stage=first_stage)
    make_answer(about_premises, other_team_member, "Demandez à la mairie de Fivès.")
    make_question(team_member, "Quel statut associatif ?", stage=first_stage)
    client.force_login(other_team_member)
    url = reverse("toolbox:questions")
    html = client.get(url, {"q": "mairie fives"}).content.decode()
    assert "Où trouver un local" in html and "Quel statut" not in html
    html = client.get(url, {"q": "STATUT"}).content.decode()
    assert "Quel statut" in html and "Où trouver" not in html
    assert client.get(url, {"q": "x" * 300}).status_code == 200


def test_hidden_messages_are_left_out_of_lists_and_search(
    client, team_member, other_team_member, head_office, first_stage
):
    hidden = make_question(team_member, "Publicité cachée", stage=first_stage)
    spam = make_answer(make_question(team_member, "Visible", stage=first_stage), other_team_member)
    question_services.hide(hidden, None, head_office, "Publicité")
    question_services.hide(spam.question, spam, head_office, "Hors sujet")
    client.force_login(other_team_member)
    html = client.get(reverse("toolbox:questions")).content.decode()
    assert "Publicité cachée" not in html and "Visible" in html
    html = client.get(reverse("toolbox:questions"), {"q": "bailleur"}).content.decode()
    assert "Visible" not in html  # the hidden answer's words no longer find it
    client.force_login(head_office)
    assert "Publicité cachée" in client.get(reverse("toolbox:questions")).content.decode()


# --- Moderation ------------------------------------------------------------------------------


def test_a_member_reports_and_head_office_hides_keeping_the_history(
    client, question, reply, team_member, head_office, other_team_member
):
    client.force_login(team_member)
    client.post(reverse("toolbox:report_answer", args=[question.pk, reply.pk]), {"reason": "Faux"})
    client.post(reverse("toolbox:report_answer", args=[question.pk, reply.pk]), {"reason": "Bis"})
    assert Report.objects.filter(answer=reply).count() == 1  # once per person and message
    client.post(reverse("toolbox:report_answer", args=[question.pk, reply.pk]), {"reason": ""})
    assert Report.objects.count() == 1

    client.force_login(head_office)
    queue = client.get(reverse("toolbox:moderation")).content.decode()
    assert "Faux" in queue
    client.post(
        reverse("toolbox:hide_answer", args=[question.pk, reply.pk]),
        {"reason": "Information erronée", "back": "queue"},
    )
    reply.refresh_from_db()
    assert reply.hidden_by == head_office and reply.hidden_reason == "Information erronée"
    assert reply.text == "Nous avons demandé au bailleur social."  # kept
    report = Report.objects.get()
    assert report.closed_by == head_office and report.outcome == Report.Outcome.HIDDEN
    page = client.get(reverse("toolbox:question", args=[question.pk])).content.decode()
    assert "Information erronée" in page and "bailleur social" in page

    client.force_login(team_member)
    page = client.get(reverse("toolbox:question", args=[question.pk])).content.decode()
    assert "bailleur social" not in page and "Information erronée" not in page
    assert "hidden by head office" in page

    client.force_login(head_office)
    client.post(reverse("toolbox:restore_answer", args=[question.pk, reply.pk]), {"reason": "Ok"})
    reply.refresh_from_db()
    assert not reply.is_hidden
    actions = list(ModerationAction.objects.values_list("action", "by", "reason"))
    assert actions == [
        ("hide", head_office.pk, "Information erronée"),
        ("restore", head_office.pk, "Ok"),
    ]


@pytest.mark.parametrize("role", ["team_member", "other_team_member", "mentor", "trainer"])
def test_only_head_office_hides_or_closes_reports(client, role_users, role, question, reply):
    client.force_login(role_users[role])
    for name in ["hide_answer", "keep_answer", "restore_answer"]:
        response = client.post(
            reverse(f"toolbox:{name}", args=[question.pk, reply.pk]), {"reason": "x"}
        )
        assert response.status_code == 404
    response = client.post(reverse("toolbox:hide_question", args=[question.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert not ModerationAction.objects.exists()
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_hiding_needs_a_reason_and_happens_once(client, question, head_office):
    client.force_login(head_office)
    client.post(reverse("toolbox:hide_question", args=[question.pk]), {"reason": ""})
    question.refresh_from_db()
    assert not question.is_hidden
    question_services.hide(question, None, head_office, "Doublon")
    with pytest.raises(question_services.QuestionError):
        question_services.hide(question, None, head_office, "Encore")
    assert ModerationAction.objects.count() == 1


def test_keeping_a_reported_message_closes_its_reports(question, reply, team_member, head_office):
    question_services.report(question, None, team_member, "Doublon")
    question_services.keep(question, None, head_office)
    report = Report.objects.get()
    assert report.outcome == Report.Outcome.KEPT and report.closed_at
    assert not question_services.open_reports().exists()


# --- The FAQ ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_head_office_and_trainers_turn_a_question_into_a_faq_entry(
    client, role_users, role, question, reply, team_member
):
    question_services.mark_helpful(question, reply, team_member)
    login(client, role_users, role)
    response = client.post(reverse("toolbox:make_faq", args=[question.pk]))
    if role in ("head_office", "trainer"):
        entry = FaqEntry.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("toolbox_faq:edit", args=[entry.pk])
        assert entry.answer == reply.text and entry.stage == question.stage
        faq = client.get(reverse("toolbox:faq")).content.decode()
        assert "Comment trouver un local ?" in faq and reply.text in faq
    else:
        assert not FaqEntry.objects.exists()
        assert response.status_code in (302, 404)


def test_a_faq_entry_needs_the_answer_that_helped(question, reply, head_office):
    with pytest.raises(question_services.QuestionError):
        question_services.make_faq_entry(question, head_office)
    assert not FaqEntry.objects.exists()


def test_the_faq_is_editable_in_the_admin(client, question, reply, team_member, head_office):
    question_services.mark_helpful(question, reply, team_member)
    entry = question_services.make_faq_entry(question, head_office)
    client.force_login(head_office)
    assert client.get(reverse("toolbox_faq:index")).status_code == 200
    assert client.get(reverse("toolbox_faq:edit", args=[entry.pk])).status_code == 200


# --- The team space --------------------------------------------------------------------------


def test_the_team_space_shows_the_network_on_the_current_stage(
    client, project, team_member, other_team_member, first_stage
):
    asked = make_question(other_team_member, "Comment organiser la visio ?", stage=first_stage)
    make_answer(asked, team_member)
    client.force_login(team_member)
    html = client.get(reverse("projects:team_space", args=[project.slug])).content.decode()
    assert "Comment organiser la visio ?" in html
    assert reverse("toolbox:ask") + f"?stage={first_stage.slug}" in html


# --- Query counts ----------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def add_questions(count, authors, stage, moderator):
    for number in range(count):
        question = make_question(authors[number % 2], f"Question {number}", stage=stage)
        for answer_number in range(3):
            reply = make_answer(question, authors[(number + answer_number) % 2], f"R {number}")
        if number % 3 == 0:
            question_services.mark_helpful(question, reply, question.author)
        if number % 4 == 0:
            question_services.hide(question, reply, moderator, "Hors sujet")


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_the_question_list_runs_the_same_queries_with_little_and_much_data(
    client, role_users, role, first_stage, team_member, other_team_member, head_office
):
    client.force_login(role_users[role])
    authors = [team_member, other_team_member]
    url = reverse("toolbox:questions")
    add_questions(2, authors, first_stage, head_office)
    few = count_queries(client, url)
    add_questions(30, authors, first_stage, head_office)
    assert count_queries(client, url) == few
    assert count_queries(client, url + f"?q=question&stage={first_stage.slug}") <= few + 2


@pytest.mark.parametrize("role", ["team_member", "head_office"])
def test_a_question_page_runs_the_same_queries_with_few_and_many_answers(
    client, role_users, role, question, team_member, other_team_member, head_office
):
    client.force_login(role_users[role])
    url = reverse("toolbox:question", args=[question.pk])
    make_answer(question, other_team_member)
    few = count_queries(client, url)
    for number in range(25):
        reply = make_answer(question, [team_member, other_team_member, head_office][number % 3])
        if number % 5 == 0:
            question_services.hide(question, reply, head_office, "Hors sujet")
    question_services.mark_helpful(question, reply, team_member)
    assert count_queries(client, url) == few


def test_two_people_editing_one_faq_entry_cannot_overwrite_each_other(
    client, question, reply, team_member, head_office, trainer
):
    question_services.mark_helpful(question, reply, team_member)
    entry = question_services.make_faq_entry(question, head_office)
    url = reverse("toolbox_faq:edit", args=[entry.pk])
    client.force_login(head_office)
    html = client.get(url).content.decode()
    assert 'name="loaded_version"' in html
    loaded = entry.updated_at.isoformat()

    def save(answer):
        return client.post(
            url,
            {
                "question": entry.question,
                "answer": answer,
                "stage": entry.stage_id,
                "topic": "",
                "live": "on",
                "sort_order": 0,
                "loaded_version": loaded,
            },
        )

    assert save("Première version relue.").status_code == 302
    client.force_login(trainer)
    response = save("Seconde version, écrite en même temps.")
    assert response.status_code == 200
    assert "Someone else changed this entry" in response.content.decode()
    entry.refresh_from_db()
    assert entry.answer == "Première version relue."


def test_the_team_space_panels_run_the_same_queries_with_little_and_much_data(
    client, project, team_member, other_team_member, head_office, first_stage
):
    url = reverse("projects:team_space", args=[project.slug])
    for user in (team_member, head_office):
        client.force_login(user)
        add_questions(1, [team_member, other_team_member], first_stage, head_office)
        few = count_queries(client, url)
        add_questions(12, [team_member, other_team_member], first_stage, head_office)
        assert count_queries(client, url) == few


@pytest.mark.parametrize("role", ROLES)
def test_the_site_search_lists_questions_for_members_only(client, role_users, role, first_stage):
    make_question(role_users["team_member"], "Combien de couverts le midi ?", stage=first_stage)
    login(client, role_users, role)
    html = client.get(reverse("search"), {"q": "couverts"}).content.decode()
    assert ("Combien de couverts le midi ?" in html) == (role != "anonymous")


def test_when_only_questions_match_the_site_search_says_so_not_zero_results(
    client, team_member, first_stage
):
    make_question(team_member, "Combien de couverts le midi ?", stage=first_stage)
    client.force_login(team_member)
    html = client.get(reverse("search"), {"q": "couverts"}, HTTP_ACCEPT_LANGUAGE="en").content
    html = html.decode()
    assert "Combien de couverts le midi ?" in html
    assert "0 results" not in html and "Try other words" not in html
    assert "No page matches “couverts”; what else matches is listed below." in html


def test_the_site_search_shows_no_question_outside_the_network(client, outsider, question):
    client.force_login(outsider)
    html = client.get(reverse("search"), {"q": "local"}).content.decode()
    assert question.title not in html


@pytest.mark.parametrize("role", ROLES)
def test_the_toolbox_opens_onto_the_network_for_members(client, role_users, role):
    from tests.factories.toolbox import make_index

    index = make_index()
    login(client, role_users, role)
    html = client.get(index.url).content.decode()
    assert (reverse("toolbox:questions") in html) == (role != "anonymous")


def test_the_answers_kind_is_among_the_notification_settings(client, team_member):
    client.force_login(team_member)
    html = client.get(reverse("notification_preferences")).content.decode()
    assert NotificationKind.QUESTION_ANSWERED.value in html


@pytest.mark.parametrize(
    "text, link",
    [
        ("Voir https://exemple.org/page.", "https://exemple.org/page"),
        (
            "(voir https://fr.wikipedia.org/wiki/Cantine_(restaurant))",
            "https://fr.wikipedia.org/wiki/Cantine_(restaurant)",
        ),
        ("HTTP://EXEMPLE.ORG/A ?", "HTTP://EXEMPLE.ORG/A"),
        ("«\u00a0https://exemple.org/b\u00a0»", "https://exemple.org/b"),
    ],
)
def test_addresses_become_links_without_their_punctuation(text, link):
    from django.utils.html import escape

    from canteen_site.text import linkify

    assert f'<a href="{escape(link)}" rel="nofollow ugc noopener">' in linkify(text)


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://exemple.org/fichier",
        'https://exemple.org/"onmouseover="alert(1)',
        "www.exemple.org",
    ],
)
def test_nothing_else_becomes_a_link_or_markup(text):
    from canteen_site.text import linkify

    html = str(linkify(text))
    assert "<b>" not in html and 'onmouseover="' not in html
    if '://exemple.org/"' not in text:
        assert "<a " not in html


def test_a_faq_entry_may_be_written_in_the_admin(client, head_office, first_stage):
    client.force_login(head_office)
    response = client.post(
        reverse("toolbox_faq:add"),
        {
            "question": "Faut-il une assurance dès les repas éphémères ?",
            "answer": "Oui : une responsabilité civile d’organisateur.",
            "stage": first_stage.pk,
            "topic": "",
            "live": "on",
            "sort_order": 0,
            "loaded_version": "",
        },
    )
    assert response.status_code == 302
    assert FaqEntry.objects.get().stage == first_stage
    response = client.post(
        reverse("toolbox_faq:add"),
        {"question": "Sans étape", "answer": "Texte", "stage": "", "topic": "", "sort_order": 0},
    )
    assert response.status_code == 200
    assert FaqEntry.objects.count() == 1


# Every action, for every role: (url name, uses the answer, who may, what it changes).
ACTIONS = [
    ("report_question", False, set(MEMBERS), lambda q, r: Report.objects.filter(answer=None)),
    ("report_answer", True, set(MEMBERS), lambda q, r: Report.objects.filter(answer=r)),
    ("helpful", True, {"team_member"}, lambda q, r: Question.objects.filter(helpful_answer=r)),
    (
        "hide_question",
        False,
        {"head_office"},
        lambda q, r: Question.objects.filter(hidden_at__isnull=False),
    ),
    (
        "hide_answer",
        True,
        {"head_office"},
        lambda q, r: Answer.objects.filter(hidden_at__isnull=False),
    ),
    (
        "keep_question",
        False,
        {"head_office"},
        lambda q, r: ModerationAction.objects.filter(action="keep"),
    ),
    (
        "keep_answer",
        True,
        {"head_office"},
        lambda q, r: ModerationAction.objects.filter(action="keep"),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name, on_answer, allowed, changed", ACTIONS)
def test_every_action_for_every_role(
    client, role_users, role, question, reply, name, on_answer, allowed, changed
):
    login(client, role_users, role)
    args = [question.pk, reply.pk] if on_answer else [question.pk]
    response = client.post(reverse(f"toolbox:{name}", args=args), {"reason": "Une raison"})
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert changed(question, reply).exists() == (role in allowed), (name, role)
