"""Admin URLs of the pipeline, mounted under /admin/pipeline/ by `admin_hooks`."""

from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("projects/<int:pk>/move/", views.MoveView.as_view(), name="move"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path("review/requests/<int:pk>/", views.decide_stage_request, name="decide_request"),
    path("review/deliverables/<int:pk>/", views.review_deliverable, name="review_deliverable"),
    path("funnel/", views.FunnelView.as_view(), name="funnel"),
    path("time-in-stage/", views.TimeInStageView.as_view(), name="time_in_stage"),
    path("stalled/", views.StalledView.as_view(), name="stalled"),
    path("map/", views.MapView.as_view(), name="map"),
    path("exports/", views.ExportsView.as_view(), name="exports"),
    path("exports/projects.csv", views.export_projects, name="export_projects"),
    path("exports/history.csv", views.export_history, name="export_history"),
]
