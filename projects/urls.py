from django.urls import path

from .views import (
    actions,
    conversation,
    follow_ups,
    invitations,
    mentoring,
    network,
    opening_plan,
    partners,
    start,
    team,
)

app_name = "projects"

urlpatterns = [
    path("lancer-une-cantine/", start.start, name="start"),
    path("lancer-une-cantine/merci/", start.start_thanks, name="start_thanks"),
    path("projets/", team.index, name="index"),
    path("rejoindre/<str:token>/", invitations.accept, name="invitation"),
    path("reseau/", network.directory, name="directory"),
    path("reseau/carte/", network.network_map, name="network_map"),
    path("reseau/<slug:slug>/", network.profile, name="profile"),
    path("projets/<slug:slug>/", team.team_space, name="team_space"),
    path("projets/<slug:slug>/profil-reseau/", network.edit_profile, name="edit_profile"),
    path("projets/<slug:slug>/mentorat/<int:pk>/", mentoring.space, name="mentoring"),
    path(
        "projets/<slug:slug>/mentorat/<int:pk>/visite/",
        mentoring.log_visit,
        name="mentoring_visit",
    ),
    path(
        "projets/<slug:slug>/mentorat/<int:pk>/partage/",
        mentoring.share_documents,
        name="mentoring_share",
    ),
    path(
        "projets/<slug:slug>/mentorat/<int:pk>/documents/<int:deliverable_id>/",
        mentoring.download,
        name="mentoring_download",
    ),
    path("projets/<slug:slug>/historique/", team.history, name="history"),
    path("projets/<slug:slug>/fil/", conversation.thread, name="thread"),
    path(
        "projets/<slug:slug>/fil/piece-jointe/<int:message_id>/",
        conversation.attachment,
        name="message_attachment",
    ),
    path("projets/<slug:slug>/suivi/", follow_ups.log, name="follow_ups"),
    path("projets/<slug:slug>/suivi/ajouter/", follow_ups.add, name="add_follow_up"),
    path("projets/<slug:slug>/checklist/<int:item_id>/", actions.tick, name="tick"),
    path(
        "projets/<slug:slug>/documents/<int:requirement_id>/deposer/",
        actions.upload,
        name="upload",
    ),
    path(
        "projets/<slug:slug>/documents/fichier/<int:deliverable_id>/",
        team.download,
        name="download",
    ),
    path(
        "projets/<slug:slug>/documents/avis/<int:deliverable_id>/",
        actions.review,
        name="review",
    ),
    path("projets/<slug:slug>/etape-suivante/", actions.request_next_stage, name="request_next"),
    path(
        "projets/<slug:slug>/demandes/<int:request_id>/",
        actions.decide_request,
        name="decide_request",
    ),
    path("projets/<slug:slug>/changer-d-etape/", actions.move, name="move"),
    path("projets/<slug:slug>/archiver/", actions.archive, name="archive"),
    path("projets/<slug:slug>/ouverture/", opening_plan.plan, name="opening_plan"),
    path("projets/<slug:slug>/ouverture/date/", opening_plan.set_target, name="opening_target"),
    path(
        "projets/<slug:slug>/ouverture/regenerer/",
        opening_plan.regenerate,
        name="opening_regenerate",
    ),
    path(
        "projets/<slug:slug>/ouverture/taches/ajouter/",
        opening_plan.add_task,
        name="opening_add_task",
    ),
    path(
        "projets/<slug:slug>/ouverture/taches/<int:task_id>/",
        opening_plan.edit_task,
        name="opening_edit_task",
    ),
    path(
        "projets/<slug:slug>/ouverture/taches/<int:task_id>/fait/",
        opening_plan.tick_task,
        name="opening_tick_task",
    ),
    path("projets/<slug:slug>/invitations/", invitations.invite, name="invite"),
    path(
        "projets/<slug:slug>/invitations/<int:invitation_id>/revoquer/",
        invitations.revoke,
        name="revoke_invitation",
    ),
    path("projets/<slug:slug>/partenaires/", partners.partner_list, name="partners"),
    path("projets/<slug:slug>/partenaires/ajouter/", partners.partner_add, name="add_partner"),
    path(
        "projets/<slug:slug>/partenaires/importer/", partners.partner_import, name="import_partners"
    ),
    path(
        "projets/<slug:slug>/partenaires/modele.csv",
        partners.partner_template,
        name="partners_template",
    ),
    path(
        "projets/<slug:slug>/partenaires/<int:partner_id>/",
        partners.partner_edit,
        name="edit_partner",
    ),
    path(
        "projets/<slug:slug>/partenaires/<int:partner_id>/statut/",
        partners.partner_status,
        name="partner_status",
    ),
    path("projets/<slug:slug>/plan-de-financement/", partners.funding_plan, name="funding_plan"),
    path(
        "projets/<slug:slug>/plan-de-financement/<int:line_id>/",
        partners.budget_line_edit,
        name="edit_budget_line",
    ),
]
