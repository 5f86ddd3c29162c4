from django.urls import path, re_path

from . import routing, views

app_name = "courses"

urlpatterns = [
    path("formation/mon-parcours/", views.my_learning, name="my_learning"),
    path("formation/attestation/<int:course_id>/", views.attestation, name="attestation"),
    path("formation/cours/<int:course_id>/inscription/", views.enrol, name="enrol"),
    path(
        "formation/cours/<int:course_id>/inscription-equipe/",
        views.enrol_team,
        name="enrol_team",
    ),
    path("formation/lecon/<int:lesson_id>/terminer/", views.complete_lesson, name="complete"),
    path("formation/lecon/<int:lesson_id>/quiz/<str:block_id>/", views.submit_quiz, name="quiz"),
    path(
        "formation/lecon/<int:lesson_id>/exercice/<str:block_id>/",
        views.save_exercise,
        name="exercise",
    ),
    re_path(
        rf"^(?P<path>{routing.PREFIX}/[-\w]+/(?:[-\w]+/)?)$",
        routing.serve_training_page,
        name="training_page",
    ),
]
