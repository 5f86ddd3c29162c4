"""Weekly email to each coach listing their stalled projects.

Run it from cron, e.g. every Monday at 7:00:
    0 7 * * 1  cd /srv/cantines && .venv/bin/python manage.py send_stalled_digest
"""

from django.core.management.base import BaseCommand

from projects.pipeline.digest import send_stalled_digests


class Command(BaseCommand):
    help = (
        "Email each coach the projects they follow that have been quiet for longer than their "
        "stage allows; projects without a coach go to HEAD_OFFICE_EMAIL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what, send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        digests = send_stalled_digests(dry_run=dry_run)
        for digest in digests:
            self.stdout.write(f"{digest.recipient}: {len(digest.projects)} stalled project(s)")
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{len(digests)} digest(s) {verb}."))
