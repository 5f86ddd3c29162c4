"""Admin URLs of the pipeline, mounted under /admin/pipeline/ by `admin_hooks`."""

from django.urls import path

from . import mentor_views, partner_views, report_views, review_views, views

app_name = "pipeline"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("projects/<int:pk>/move/", views.MoveView.as_view(), name="move"),
    path("review/", review_views.ReviewQueueView.as_view(), name="review"),
    path("review/requests/<int:pk>/", review_views.decide_stage_request, name="decide_request"),
    path(
        "review/deliverables/<int:pk>/", review_views.review_deliverable, name="review_deliverable"
    ),
    path("funnel/", report_views.FunnelView.as_view(), name="funnel"),
    path("time-in-stage/", report_views.TimeInStageView.as_view(), name="time_in_stage"),
    path("stalled/", report_views.StalledView.as_view(), name="stalled"),
    path("map/", report_views.MapView.as_view(), name="map"),
    path("mentors/", mentor_views.MentorsView.as_view(), name="mentors"),
    path("partners/", partner_views.PartnersView.as_view(), name="partners"),
    path("exports/partners.csv", partner_views.export_partners, name="export_partners"),
    path("exports/", report_views.ExportsView.as_view(), name="exports"),
    path("exports/projects.csv", report_views.export_projects, name="export_projects"),
    path("exports/history.csv", report_views.export_history, name="export_history"),
]
