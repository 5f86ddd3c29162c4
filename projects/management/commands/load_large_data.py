"""Load a large data set for `make bench --large`: 500 projects and 20,000 history events."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Add 500 canteen projects with 20,000 timeline events and their stage history, in bulk "
        "(for benchmarks). Does nothing if they are already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=500)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument(
            "--resources",
            type=int,
            default=0,
            help="toolbox resources to reach in all, copies of the demo's (0: none added)",
        )

    def handle(self, *args, projects=500, events=20_000, resources=0, **options):
        # The generator lives outside the apps, with the benchmark harness.
        from bench.large_data import load_large_data, load_large_toolbox

        if resources:
            with transaction.atomic():
                added = load_large_toolbox(resources)
            self.stdout.write(f"Toolbox resources added: {added}.")

        with transaction.atomic():
            counts = load_large_data(projects=projects, events=events)
        if counts is None:
            self.stdout.write("The large data set is already loaded: nothing to do.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {projects} projects, {changes} stage changes, {events} timeline events, "
                "{ticks} ticks, {deliverables} deliverables, {requests} requests.".format(**counts)
            )
        )
