"""Remind the teams of the opening-plan tasks that are due.

Run it from cron once a day, e.g. at 8:00:
    0 8 * * *  cd /srv/cantines && .venv/bin/python manage.py send_opening_task_reminders
"""

from django.core.management.base import BaseCommand

from projects.opening_reminders import send_opening_task_reminders


class Command(BaseCommand):
    help = (
        "Notify, once per task, the member assigned to each open task of an opening plan that "
        "is due (or the whole team when nobody is assigned). Run it once a day from cron."
    )

    def handle(self, *args, **options):
        sent = send_opening_task_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
