"""Stable download links of toolbox files, outside the page tree: /telecharger/<file>/; the
questions to the network, the FAQ and the examples from teams."""

from django.urls import path

from . import example_views, question_views, views

app_name = "toolbox"

urlpatterns = [
    path("telecharger/<slug:slug>/", views.download, name="download"),
    path("telecharger/<slug:slug>/version-<int:number>/", views.download, name="download_version"),
    # Questions to the network
    path("questions/", question_views.question_list, name="questions"),
    path("questions/poser/", question_views.ask, name="ask"),
    path("questions/moderation/", question_views.moderation, name="moderation"),
    path("questions/<int:pk>/", question_views.question_page, name="question"),
    path("questions/<int:pk>/repondre/", question_views.post_answer, name="answer"),
    path("questions/<int:pk>/signaler/", question_views.report, name="report_question"),
    path("questions/<int:pk>/masquer/", question_views.hide, name="hide_question"),
    path("questions/<int:pk>/reafficher/", question_views.restore, name="restore_question"),
    path("questions/<int:pk>/garder/", question_views.keep, name="keep_question"),
    path("questions/<int:pk>/faq/", question_views.make_faq, name="make_faq"),
    path(
        "questions/<int:pk>/reponses/<int:answer_id>/utile/",
        question_views.helpful,
        name="helpful",
    ),
    path(
        "questions/<int:pk>/reponses/<int:answer_id>/signaler/",
        question_views.report,
        name="report_answer",
    ),
    path(
        "questions/<int:pk>/reponses/<int:answer_id>/masquer/",
        question_views.hide,
        name="hide_answer",
    ),
    path(
        "questions/<int:pk>/reponses/<int:answer_id>/reafficher/",
        question_views.restore,
        name="restore_answer",
    ),
    path(
        "questions/<int:pk>/reponses/<int:answer_id>/garder/",
        question_views.keep,
        name="keep_answer",
    ),
    path("faq/", question_views.faq, name="faq"),
    # Examples from teams
    path("exemples/", example_views.example_list, name="examples"),
    path("exemples/<int:pk>/fichier/", example_views.example_file, name="example_file"),
    path(
        "projets/<slug:slug>/exemples/proposer/<int:deliverable_id>/",
        example_views.propose,
        name="propose_example",
    ),
    path(
        "projets/<slug:slug>/exemples/<int:example_id>/reponse/",
        example_views.answer,
        name="answer_example",
    ),
    path(
        "projets/<slug:slug>/exemples/<int:example_id>/retirer/",
        example_views.withdraw,
        name="withdraw_example",
    ),
]
