from django.core.management.base import BaseCommand

from courses.day_emails import send_due_emails


class Command(BaseCommand):
    help = (
        "Send the training-day emails that are due: confirmations, waiting list and promotions, "
        "cancellations, reminders a few days before, feedback requests after the day. Run it "
        "every few minutes (cron or a systemd timer); a second run sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_due_emails()
        self.stdout.write(f"{sent} email(s) queued.")
