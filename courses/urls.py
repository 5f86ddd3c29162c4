"""The learner's own pages and actions, outside the page tree: /mon-parcours/..."""

from django.urls import path

from . import day_views, views

app_name = "courses"

urlpatterns = [
    path("mon-parcours/", views.my_learning, name="my_learning"),
    path("mon-parcours/attestation/<int:course_id>/", views.attestation, name="attestation"),
    path(
        "mon-parcours/attestation/<int:course_id>/pdf/",
        views.attestation_pdf,
        name="attestation_pdf",
    ),
    path("attestation/verifier/", views.verify_attestation_form, name="verify_attestation_form"),
    path(
        "attestation/verifier/<str:code>/",
        views.verify_attestation,
        name="verify_attestation",
    ),
    path("mon-parcours/cours/<int:course_id>/inscription/", views.enrol, name="enrol"),
    path(
        "mon-parcours/cours/<int:course_id>/inscription-equipe/",
        views.enrol_team,
        name="enrol_team",
    ),
    path("mon-parcours/lecon/<int:lesson_id>/terminer/", views.complete_lesson, name="complete"),
    path(
        "mon-parcours/lecon/<int:lesson_id>/quiz/<str:block_id>/",
        views.submit_quiz,
        name="quiz",
    ),
    path(
        "mon-parcours/lecon/<int:lesson_id>/exercice/<str:block_id>/",
        views.save_exercise,
        name="exercise",
    ),
    path(
        "mon-parcours/journees/<int:session_id>/inscription/",
        day_views.sign_up,
        name="session_sign_up",
    ),
    path(
        "mon-parcours/journees/<int:session_id>/annulation/",
        day_views.cancel,
        name="session_cancel",
    ),
    path(
        "mon-parcours/journees/<int:session_id>/presences/",
        day_views.attendance,
        name="session_attendance",
    ),
    path(
        "mon-parcours/journees/<int:session_id>/emargement.pdf",
        day_views.signin_sheet,
        name="session_signin_sheet",
    ),
    path(
        "mon-parcours/journees/<int:session_id>/avis/",
        day_views.feedback,
        name="session_feedback",
    ),
]
