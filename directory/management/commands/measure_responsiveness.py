"""Daily responsiveness job, for cron:

    python manage.py measure_responsiveness

Measures again, for every business, the share of its messages of the last
90 days answered within 48 hours and the median time to a first answer
(directory.connect.responsiveness), as messages grow old enough to count
and leave the window. Recording an answer measures its business at once.
"""

import time

from django.core.management.base import BaseCommand

from directory.connect.responsiveness import responsiveness_refresh


class Command(BaseCommand):
    help = (
        "Measure how promptly every business answers its messages (last 90 days) and store the figures "
        "its cards and profile show. Idempotent: safe to run at any time; run it daily."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        changed = responsiveness_refresh()
        self.stdout.write(
            self.style.SUCCESS(f"{changed} business(es) with new figures, in {time.monotonic() - started:.1f} s.")
        )
