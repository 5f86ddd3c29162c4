"""Pages of the questions to the network: the list (with its search), a question with its
answers, asking, answering, "this helped", reporting, hiding, the reports queue and the FAQ.

Everything is for network members: a visitor is sent to log in, a logged-in person outside
the network gets 404 (as for members-only files). Moderation needs `MODERATE`.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from canteen_site.text import QUERY_MAX_LENGTH, clean_text, read_param
from projects.models import Stage

from . import question_services as services
from .community_forms import AnswerForm, OptionalReasonForm, QuestionForm, ReasonForm
from .questions import Answer, ModerationAction, Question

PAGE_SIZE = 20
FILTERS = {
    "unanswered": gettext_lazy("Not answered yet"),
    "helpful": gettext_lazy("With an answer that helped"),
}


def members_only(view):
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.can_take_part(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def moderators_only(view):
    @members_only
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(services.MODERATE):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def question_url(question, anchor=""):
    url = reverse("toolbox:question", args=[question.pk])
    return f"{url}#{anchor}" if anchor else url


@members_only
@require_GET
def question_list(request):
    user = request.user
    questions = services.with_counts(services.visible_questions(user))
    notices = []
    query = clean_text(request.GET.get("q", ""), QUERY_MAX_LENGTH)
    notices += query.messages(QUERY_MAX_LENGTH)
    stages = list(Stage.objects.order_by("position"))
    stage = next((s for s in stages if s.slug == read_param(request.GET, "stage").text), None)
    topic_slug = read_param(request.GET, "topic").text
    topic = Tag.objects.filter(slug=topic_slug).first() if topic_slug else None
    show = read_param(request.GET, "show").text
    if show not in FILTERS:
        show = ""
    if stage is not None:
        questions = questions.filter(stage=stage)
    if topic is not None:
        questions = questions.filter(topic=topic)
    if show == "unanswered":
        questions = questions.filter(answer_count=0)
    elif show == "helpful":
        questions = questions.filter(helpful_answer__isnull=False)
    if query.text:
        questions = services.search(questions, query.text)
    questions = questions.order_by("-last_activity_at", "-id")
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    context = {
        "questions": page,
        "stages": stages,
        "stage": stage,
        "topic": topic,
        "topics": Tag.objects.filter(network_questions__isnull=False).distinct().order_by("name"),
        "query": query.text,
        "show": show,
        "filters": FILTERS,
        "notices": notices,
        "keep": keep.urlencode(),
        "moderator": user.has_perm(services.MODERATE),
    }
    return render(request, "toolbox/questions/list.html", context)


@members_only
def ask(request):
    initial = {}
    stage_slug = read_param(request.GET, "stage").text
    if stage_slug:
        initial["stage"] = Stage.objects.filter(slug=stage_slug).first()
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.ask(
                request.user, data["title"], data["text"], stage=data["stage"], topic=data["topic"]
            )
        except services.QuestionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your question is sent to the network."))
            return redirect(question_url(question))
    status = 400 if form.errors else 200
    return render(request, "toolbox/questions/ask.html", {"form": form}, status=status)


def _question_for(request, pk):
    """The question with what its page shows, in a fixed number of queries."""
    moderator = request.user.has_perm(services.MODERATE)
    answers = Answer.objects.select_related("author", "hidden_by").order_by("created_at", "id")
    prefetch = [Prefetch("answers", queryset=answers)]
    if moderator:
        history = ModerationAction.objects.select_related("by", "answer__author").order_by(
            "at", "id"
        )
        prefetch.append(Prefetch("moderation", queryset=history))
    question = get_object_or_404(
        Question.objects.select_related(
            "author", "stage", "topic", "project", "hidden_by", "faq_entry"
        ).prefetch_related(*prefetch),
        pk=pk,
    )
    return question, moderator


@members_only
@require_GET
def question_page(request, pk):
    question, moderator = _question_for(request, pk)
    answers = list(question.answers.all())
    teams = services.teams_of({reply.author_id for reply in answers})
    for reply in answers:
        reply.team = teams.get(reply.author_id)
    context = {
        "question": question,
        "answers": answers,
        "visible_count": sum(1 for reply in answers if not reply.is_hidden),
        "moderator": moderator,
        "is_asker": request.user.pk == question.author_id,
        "can_make_faq": request.user.has_perm(services.MAKE_FAQ),
        "history": list(question.moderation.all()) if moderator else [],
        "answer_form": AnswerForm(),
    }
    return render(request, "toolbox/questions/question.html", context)


def question_action(view):
    """Members only, POST only; a refused action comes back to the question with its message."""

    @members_only
    @require_POST
    @wraps(view)
    def wrapper(request, pk, answer_id=None):
        question = get_object_or_404(Question.objects.select_related("stage", "topic"), pk=pk)
        reply = None
        if answer_id is not None:
            reply = get_object_or_404(Answer, pk=answer_id, question=question)
        try:
            response = view(request, question, reply)
        except services.QuestionError as error:
            messages.error(request, error.message)
            response = None
        anchor = f"answer-{reply.pk}" if reply else "question"
        return response or redirect(question_url(question, anchor))

    return wrapper


@question_action
def post_answer(request, question, _reply):
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise services.QuestionError(_errors(form))
    reply = services.answer(question, request.user, form.cleaned_data["text"])
    messages.success(request, _("Your answer is published."))
    return redirect(question_url(question, f"answer-{reply.pk}"))


@question_action
def helpful(request, question, reply):
    services.mark_helpful(question, reply, request.user)
    messages.success(request, _("Marked as the answer that helped. Thank you!"))


@question_action
def report(request, question, reply):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        raise services.QuestionError(_errors(form))
    services.report(question, reply, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: head office will look at this message."))


def moderation_action(view):
    @question_action
    @wraps(view)
    def wrapper(request, question, reply):
        if not request.user.has_perm(services.MODERATE):
            raise Http404
        view(request, question, reply)
        back = request.POST.get("back")
        if back == "queue":
            return redirect("toolbox:moderation")
        return None

    return wrapper


@moderation_action
def hide(request, question, reply):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        raise services.QuestionError(_errors(form))
    services.hide(question, reply, request.user, form.cleaned_data["reason"])
    messages.success(request, _("The message is hidden; it stays in the history."))


@moderation_action
def restore(request, question, reply):
    form = OptionalReasonForm(request.POST)
    if not form.is_valid():
        raise services.QuestionError(_errors(form))
    services.restore(question, reply, request.user, form.cleaned_data["reason"])
    messages.success(request, _("The message is shown again."))


@moderation_action
def keep(request, question, reply):
    services.keep(question, reply, request.user)
    messages.success(request, _("The reports are closed; the message stays."))


@question_action
def make_faq(request, question, _reply):
    if not request.user.has_perm(services.MAKE_FAQ):
        raise Http404
    question = Question.objects.select_related("helpful_answer", "stage", "topic").get(
        pk=question.pk
    )
    entry = services.make_faq_entry(question, request.user)
    messages.success(request, _("The FAQ entry is created: polish it here before teams read it."))
    return redirect("toolbox_faq:edit", entry.pk)


@moderators_only
@require_GET
def moderation(request):
    reports = list(services.open_reports())
    hidden = (
        Question.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by")
        .order_by("-hidden_at")[:20]
    )
    hidden_answers = (
        Answer.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by", "question")
        .order_by("-hidden_at")[:20]
    )
    context = {
        "reports": reports,
        "hidden": list(hidden),
        "hidden_answers": list(hidden_answers),
    }
    return render(request, "toolbox/questions/moderation.html", context)


@members_only
@require_GET
def faq(request):
    stages = list(Stage.objects.order_by("position"))
    stage = next((s for s in stages if s.slug == read_param(request.GET, "stage").text), None)
    entries = list(services.faq_entries(stage=stage))
    return render(
        request,
        "toolbox/questions/faq.html",
        {"entries": entries, "stages": stages, "stage": stage},
    )
