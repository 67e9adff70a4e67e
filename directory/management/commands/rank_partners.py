"""Hourly partner job, for cron or the systemd timer `ifn-rank-partners`:

    python manage.py rank_partners

Ranks the "possible partners nearby" of every published profile again and
stores them (directory.connect.ranked_partners): a post whose last day has
passed stops counting, and neighbourhoods too large to rank at once when a
business changes catch up. Running it twice changes nothing.
"""

import time

from django.core.management.base import BaseCommand

from directory.connect.ranked_partners import rank_partners


class Command(BaseCommand):
    help = "Rank and store the partners every published profile suggests. Idempotent: safe to run hourly."

    def handle(self, *args, **options):
        started = time.monotonic()
        ranked = rank_partners()
        self.stdout.write(
            self.style.SUCCESS(f"Partners ranked for {ranked:,} businesses in {time.monotonic() - started:.1f} s.")
        )
