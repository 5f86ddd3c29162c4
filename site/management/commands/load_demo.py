from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app may provide a `demo` module with a `load(stdout)` function.
DEMO_MODULES = ["canteen_site.demo", "projects.demo", "courses.demo", "toolbox.demo"]


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
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            "Demo accounts (password: cantine-demo): admin@example.org (superuser), "
            "siege@example.org (head office), formatrice@example.org (trainer), "
            "equipe.bagnolet@example.org and equipe.senlis@example.org (project teams)."
        )
