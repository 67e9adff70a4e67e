"""How many of a labelled list's duplicate pairs the duplicates view finds:

    python manage.py measure_duplicates
    python manage.py measure_duplicates fixtures/duplicates/komunitas-uji-300.csv

The list is imported (and rolled back unless --keep), the view's pairs are
found across every regency as staff see them, and recall and the false-pair
rates are printed against the bar (stewardship.measuring). Needs the
reference data (loaddata regions taxonomy sentra). Exits non-zero below the
bar.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from directory.stewardship import measuring
from directory.stewardship.list_files import ImportFileError

DEFAULT_LIST = Path(settings.BASE_DIR) / "fixtures" / "duplicates" / "komunitas-300.csv"


class Command(BaseCommand):
    help = "Measure the duplicates view on a community list with labelled duplicate pairs."

    def add_arguments(self, parser):
        parser.add_argument("list", nargs="?", default=str(DEFAULT_LIST), help="the community list (CSV or XLSX)")
        parser.add_argument("--labels", help="the labels file (default: the list's name + -labels.csv)")
        parser.add_argument("--keep", action="store_true", help="keep the imported businesses")
        parser.add_argument("--verbose-pairs", action="store_true", help="print every pair flagged")

    def handle(self, *args, **options):
        path = Path(options["list"])
        labels = Path(options["labels"] or path.with_name(f"{path.stem}-labels.csv"))
        for file in (path, labels):
            if not file.is_file():
                raise CommandError(f"No file {file}.")
        try:
            figures, pairs = measuring.measure(path, labels, keep=options["keep"])
        except (ImportFileError, KeyError, ValueError) as error:
            raise CommandError(str(error)) from error
        write = self.stdout.write
        write(f"{path.name} on {connection.vendor}: {figures.flagged} pairs flagged across every regency")
        write(f"  recall: {figures.found}/{figures.duplicates} = {figures.recall:.3f} (bar ≥ {measuring.MIN_RECALL})")
        write(
            f"  hard negatives flagged: {figures.hard_negatives_flagged}/{figures.hard_negatives} = "
            f"{figures.hard_negative_rate:.3f} (bar ≤ {measuring.MAX_FALSE_RATE})"
        )
        write(
            f"  false pairs among flagged: {figures.false_flagged}/{figures.flagged} = "
            f"{figures.false_rate:.3f} (bar ≤ {measuring.MAX_FALSE_RATE})"
        )
        for kind, (found, total) in sorted(figures.found_by_kind.items()):
            write(f"    {kind}: {found}/{total}")
        for first, second, kind in figures.missed:
            write(f"  missed: lines {first} and {second} ({kind})")
        for first, second, reasons in figures.false_pairs:
            write(f"  false pair: lines {first} and {second} ({reasons})")
        if options["verbose_pairs"]:
            for first, second, pair in pairs:
                write(f"  {pair.confidence_percent:3d}% lines {first}-{second}: {', '.join(pair.reason_labels)}")
        if not figures.meets_bar:
            raise CommandError("Below the bar.")
        write(self.style.SUCCESS("At or above the bar."))
