"""How well search finds what buyers mean, on the database in use:

    python manage.py measure_relevance [--others 3000]

Loads the judged businesses of fixtures/relevance among generated others,
runs every judged query through the listing's search, prints recall@10, MRR
and the zero-result rate per kind of query, and rolls everything back.
Needs the reference data (seed_demo loads it). Exits non-zero below the bar.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.browse import relevance


class Command(BaseCommand):
    help = "Measure search relevance on the judged queries of fixtures/relevance."

    def add_arguments(self, parser):
        parser.add_argument("--others", type=int, default=3000, help="generated businesses around the judged ones")
        parser.add_argument("--misses", action="store_true", help="print every query that missed")

    def handle(self, *args, others: int, misses: bool, **options):
        def seed_others(count):
            from directory.management.commands.seed_demo import REFERENCE_FIXTURES
            from directory.management.commands.seed_demo import Command as SeedDemo

            call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
            if count:
                seeder = SeedDemo()
                seeder.verbosity = 0
                seeder.seed_synthetic(count)

        figures = relevance.measure_with_corpus(others, seed_others=seed_others)
        self.stdout.write(f"Search relevance on {connection.vendor}, {others:,} other businesses:")
        for line in figures.table():
            self.stdout.write("  " + line)
        if misses:
            for line in figures.misses:
                self.stdout.write("  " + line)
        recall, mrr, _zero = figures.overall()
        if recall < relevance.MIN_RECALL or mrr < relevance.MIN_MRR:
            raise CommandError(f"Below the bar: recall@10 ≥ {relevance.MIN_RECALL} and MRR ≥ {relevance.MIN_MRR}.")
