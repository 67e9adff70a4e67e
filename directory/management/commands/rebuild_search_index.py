"""Recompute every business's search columns and facet keys."""

from django.core.management.base import BaseCommand

from directory.caching import public_data_changed
from directory.listings.models import Business
from directory.search.index import refresh_search_index


class Command(BaseCommand):
    help = "Recomputes the search columns of every business (after a bulk change made outside the site)."

    def handle(self, *args, **options):
        refresh_search_index()
        public_data_changed()
        self.stdout.write(f"Search index rebuilt for {Business.objects.count():,} businesses.")
