from django.core.management.base import BaseCommand

from courses.reminders import send_course_reminders


class Command(BaseCommand):
    help = (
        "Remind, once per course, the learners who stopped in the middle of a course (no lesson "
        "completed for three weeks, course not completed, reminders not turned off). Run it "
        "once a day from cron."
    )

    def handle(self, *args, **options):
        sent = send_course_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
