"""Head office's view of every canteen project, inside the Wagtail admin.

Board, review queue, reports (funnel, time in stage, stalled projects, map) and CSV exports.
Registered in the admin by `projects.pipeline.admin_hooks`, imported from
`projects/wagtail_hooks.py`.
"""
