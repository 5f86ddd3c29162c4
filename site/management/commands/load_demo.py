from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the French demo content and demo accounts. Safe to run again: nothing doubles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Create the demo accounts (shared password) even though DEBUG is off.",
        )

    def handle(self, *args, allow_demo_accounts=False, **options):
        if not settings.DEBUG and not allow_demo_accounts:
            raise CommandError(
                "DEBUG is off: the demo accounts share a public password. "
                "Pass --allow-demo-accounts if you really want them here."
            )
        # The demo (data files and their loader) lives outside the apps, in `demo/`.
        from demo.loader import load

        load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            "Demo accounts (password: cantine-demo): admin@example.org (superuser), "
            "siege@example.org and elise.moreau@example.org (head office, coaches), "
            "formatrice@example.org (trainer), equipe.bagnolet@example.org and "
            "equipe.senlis@example.org (project teams), lucie.nguyen@example.org (mentor)."
        )
