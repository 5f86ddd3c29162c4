"""The rules of the questions to the network, shared by the views, the panels and the demo.

Who: network members (`projects.access.is_network_member`) read, ask, answer and report;
holders of `MODERATE` hide and show again, and read the reports; holders of `MAKE_FAQ` turn a
question into a FAQ entry. Refused actions raise `QuestionError` with a message to show;
nothing is changed then.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from canteen_site.notifications import Kind, notify
from canteen_site.text import clean_text, search_words, unaccent
from projects.access import current_memberships, is_network_member
from projects.models import Membership

from .questions import (
    REASON_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Answer,
    FaqEntry,
    ModerationAction,
    Question,
    Report,
)

MODERATE = "toolbox.moderate_question"
MAKE_FAQ = "toolbox.add_faqentry"
Action = ModerationAction.Action


class QuestionError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def can_take_part(user):
    """Read, ask, answer, report: the network's members (the one "members only" rule)."""
    return is_network_member(user)


def _text(value, max_length, what):
    text = (value or "").strip()
    if not text:
        raise QuestionError(_("Write %(what)s before sending it.") % {"what": what})
    if len(text) > max_length:
        raise QuestionError(
            _("This text is too long (%(length)s characters). The maximum is %(max)s.")
            % {"length": len(text), "max": max_length}
        )
    return text


def reindex(question):
    """The question's search text: its title, its text and its visible answers, unaccented."""
    answers = Answer.objects.filter(question=question, hidden_at__isnull=True).values_list(
        "text", flat=True
    )
    parts = [question.title, question.text, *answers]
    if question.stage_id:
        stage = question.stage
        parts += [stage.name, stage.name_en]
    if question.topic_id:
        parts.append(question.topic.name)
    text = unaccent(" ".join(part for part in parts if part))
    Question.objects.filter(pk=question.pk).update(search_text=text)
    question.search_text = text


def ask(author, title, text, *, stage=None, topic=None, at=None):
    if not can_take_part(author):
        raise QuestionError(_("Only network members can ask the network."))
    title = _text(title, TITLE_MAX_LENGTH, _("your question"))
    text = _text(text, TEXT_MAX_LENGTH, _("some details"))
    if stage is None and topic is None:
        raise QuestionError(_("Choose the stage or the toolbox topic your question is about."))
    at = at or timezone.now()
    membership = current_memberships(author).order_by("joined_on", "id").first()
    with transaction.atomic():
        question = Question.objects.create(
            author=author,
            title=title,
            text=text,
            stage=stage,
            topic=topic,
            project_id=membership.project_id if membership else None,
            created_at=at,
            last_activity_at=at,
        )
        reindex(question)
    return question


def answer(question, author, text, *, at=None):
    if not can_take_part(author):
        raise QuestionError(_("Only network members can answer."))
    if question.is_hidden:
        raise QuestionError(_("This question was hidden: it can no longer be answered."))
    text = _text(text, TEXT_MAX_LENGTH, _("your answer"))
    at = at or timezone.now()
    with transaction.atomic():
        reply = Answer.objects.create(question=question, author=author, text=text, created_at=at)
        Question.objects.filter(pk=question.pk, last_activity_at__lt=at).update(last_activity_at=at)
        reindex(question)
    if author.pk != question.author_id:
        _tell_the_asker(question, reply)
    return reply


def _tell_the_asker(question, reply):
    values = {"name": reply.author.display_name, "question": question.title}

    def text(_user):
        return _("%(name)s answered your question “%(question)s”.") % values

    link = reverse("toolbox:question", args=[question.pk]) + f"#answer-{reply.pk}"
    notify(question.author, Kind.QUESTION_ANSWERED, text, link, key=f"answer:{reply.pk}")


def mark_helpful(question, reply, user):
    """The asker marks the answer that helped (another choice replaces it)."""
    if user.pk != question.author_id:
        raise QuestionError(_("Only the person who asked can mark the answer that helped."))
    if reply.question_id != question.pk:
        raise QuestionError(_("This answer belongs to another question."))
    if reply.is_hidden or question.is_hidden:
        raise QuestionError(_("A hidden message cannot be marked as helpful."))
    Question.objects.filter(pk=question.pk).update(helpful_answer=reply)
    question.helpful_answer = reply


# --- Moderation ------------------------------------------------------------------------------


def _target(question, reply):
    """The row to moderate: the answer if one is given, else the question."""
    if reply is not None and reply.question_id != question.pk:
        raise QuestionError(_("This answer belongs to another question."))
    return reply if reply is not None else question


def report(question, reply, user, reason, *, at=None):
    if not can_take_part(user):
        raise QuestionError(_("Only network members can report a message."))
    target = _target(question, reply)
    reason = clean_text(reason, REASON_MAX_LENGTH).text
    if not reason:
        raise QuestionError(_("Say why this message should not be here."))
    if target.is_hidden:
        raise QuestionError(_("This message is already hidden."))
    try:
        with transaction.atomic():
            return Report.objects.create(
                question=question,
                answer=reply,
                reporter=user,
                reason=reason,
                created_at=at or timezone.now(),
            )
    except IntegrityError as error:
        raise QuestionError(_("You have already reported this message.")) from error


def _close_reports(question, reply, by, outcome, at):
    reports = Report.objects.filter(question=question, closed_at__isnull=True)
    reports = reports.filter(answer=reply) if reply else reports.filter(answer__isnull=True)
    reports.update(closed_at=at, closed_by=by, outcome=outcome)


def hide(question, reply, by, reason, *, at=None):
    """Hide a question or an answer: its text stays, with who hid it, when and why."""
    if not by.has_perm(MODERATE):
        raise QuestionError(_("Only head office can hide a message."))
    target = _target(question, reply)
    reason = clean_text(reason, REASON_MAX_LENGTH).text
    if not reason:
        raise QuestionError(_("Say why the message is hidden: it stays in the history."))
    at = at or timezone.now()
    with transaction.atomic():
        # Conditional: of two moderators at the same moment, only the first hides.
        hidden = (
            type(target)
            .objects.filter(pk=target.pk, hidden_at__isnull=True)
            .update(hidden_at=at, hidden_by=by, hidden_reason=reason)
        )
        if not hidden:
            raise QuestionError(_("This message is already hidden."))
        ModerationAction.objects.create(
            question=question, answer=reply, action=Action.HIDE, reason=reason, by=by, at=at
        )
        _close_reports(question, reply, by, Report.Outcome.HIDDEN, at)
        if reply is not None and question.helpful_answer_id == reply.pk:
            Question.objects.filter(pk=question.pk).update(helpful_answer=None)
        target.hidden_at, target.hidden_by, target.hidden_reason = at, by, reason
        reindex(question)


def restore(question, reply, by, reason="", *, at=None):
    """Show a hidden message again (the hiding stays in the history)."""
    if not by.has_perm(MODERATE):
        raise QuestionError(_("Only head office can show a message again."))
    target = _target(question, reply)
    at = at or timezone.now()
    with transaction.atomic():
        shown = (
            type(target)
            .objects.filter(pk=target.pk, hidden_at__isnull=False)
            .update(hidden_at=None, hidden_by=None, hidden_reason="")
        )
        if not shown:
            raise QuestionError(_("This message is not hidden."))
        ModerationAction.objects.create(
            question=question,
            answer=reply,
            action=Action.RESTORE,
            reason=clean_text(reason, REASON_MAX_LENGTH).text,
            by=by,
            at=at,
        )
        target.hidden_at, target.hidden_by, target.hidden_reason = None, None, ""
        reindex(question)


def keep(question, reply, by, *, at=None):
    """Close the reports on a message without hiding it."""
    if not by.has_perm(MODERATE):
        raise QuestionError(_("Only head office can handle reports."))
    _target(question, reply)
    at = at or timezone.now()
    with transaction.atomic():
        ModerationAction.objects.create(
            question=question, answer=reply, action=Action.KEEP, by=by, at=at
        )
        _close_reports(question, reply, by, Report.Outcome.KEPT, at)


def open_reports():
    """Head office's queue: the reports not handled yet, oldest first (one query)."""
    return Report.objects.filter(closed_at__isnull=True).select_related(
        "question", "answer", "reporter", "answer__author", "question__author"
    )


# --- The FAQ ---------------------------------------------------------------------------------


def make_faq_entry(question, by):
    """A FAQ entry from the question and the answer that helped (head office edits it next)."""
    if not by.has_perm(MAKE_FAQ):
        raise QuestionError(_("Only head office can add to the FAQ."))
    if question.is_hidden:
        raise QuestionError(_("A hidden question cannot go into the FAQ."))
    reply = question.helpful_answer
    if reply is None or reply.is_hidden:
        raise QuestionError(
            _("The FAQ takes the answer that helped: the person who asked has not marked one yet.")
        )
    try:
        with transaction.atomic():
            return FaqEntry.objects.create(
                question=question.title,
                answer=reply.text,
                stage=question.stage,
                topic=question.topic,
                source=question,
                created_by=by,
            )
    except IntegrityError as error:
        raise QuestionError(_("This question is already in the FAQ.")) from error


# --- Reading ---------------------------------------------------------------------------------


def visible_questions(user):
    """The questions a person sees in lists: hidden ones only for moderators."""
    questions = Question.objects.all()
    if not user.has_perm(MODERATE):
        questions = questions.filter(hidden_at__isnull=True)
    return questions


def with_counts(questions):
    """Each question with its number of visible answers and whether one helped (no join
    multiplies the rows: a subquery per column)."""
    return questions.select_related("stage", "topic", "author", "project").annotate(
        answer_count=Count("answers", filter=Q(answers__hidden_at__isnull=True), distinct=True),
        has_faq=Exists(FaqEntry.objects.filter(source=OuterRef("pk"))),
    )


def search(questions, query):
    """The questions whose title, text, stage, topic or visible answers hold every word."""
    words = search_words(query).split()
    for word in words:
        questions = questions.filter(search_text__contains=word)
    return questions


def teams_of(user_ids):
    """{user id: the name of one current team of theirs} (one query), to say where an answer
    comes from ("Bernadette, Lyon Vaise")."""
    rows = (
        Membership.objects.filter(
            user_id__in=user_ids, left_on__isnull=True, project__archived_at__isnull=True
        )
        .order_by("user_id", "joined_on", "id")
        .values_list("user_id", "project__name")
    )
    teams = {}
    for user_id, name in rows:
        teams.setdefault(user_id, name)
    return teams


def faq_entries(stage=None, topic=None):
    entries = FaqEntry.objects.filter(live=True).select_related("stage", "topic")
    if stage is not None:
        entries = entries.filter(stage=stage)
    if topic is not None:
        entries = entries.filter(topic=topic)
    return entries
