from django.core.management.base import BaseCommand

from canteen_site.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Queue the daily digest: one email per person with the notifications that waited for "
        "it (the kinds they chose to receive once a day). Run it once a day from cron; a "
        "second run sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued.")
