"""Empty the page cache and make every cached count out of date.

Cached pages hold addresses: after uploads move (to object storage, or to a
new custom domain) they would keep linking to the old ones for up to
PAGE_SECONDS. Run after such a move, or whenever pages must be made afresh.
"""

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError

from directory.caching import public_data_changed, shared_public_version
from ifn.cache import CacheUnavailable


class Command(BaseCommand):
    help = "Empties the page cache and bumps the public version, so every page and count is made afresh."

    def handle(self, *args, **options):
        try:
            caches["pages"].clear()
        except CacheUnavailable as error:
            raise CommandError(f"The page cache did not answer, nothing was cleared: {error}") from error
        before = shared_public_version()
        public_data_changed()
        after = shared_public_version()
        if not after or after == before:
            raise CommandError("The page cache is empty, but the default cache did not take the new public version.")
        self.stdout.write(f"Page cache cleared; public version {before} -> {after}.")
