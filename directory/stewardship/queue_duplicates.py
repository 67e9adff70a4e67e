"""Probable duplicates of the businesses in the review queue, so staff see
"this may be listed already" before approving a new listing or a claim.

The pairs are those of the duplicates view across the whole directory
(shared numbers, email, website, or similar names in one place), minus the
pairs staff dismissed. Finding them reads the whole table, so the result is
kept until any business is saved or a public change happens; the queue then
costs three small queries."""

from django.db.models import Count, Max
from django.urls import reverse

from directory.caching import public_version
from directory.listings.models import Business
from directory.review.queue_rows import Duplicate
from directory.soft_cache import shared_cache
from directory.stewardship import duplicates
from directory.stewardship.models import DuplicateDismissal

PAIRS_SECONDS = 600


def directory_pairs() -> dict[tuple[int, int], set[str]]:
    """Every probable pair and its reasons, recomputed when a business changes."""
    state = Business.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    latest = state["latest"].timestamp() if state["latest"] else 0
    key = f"directory:queue-duplicates:{public_version()}:{state['count']}:{latest}"
    pairs = shared_cache.get(key)
    if pairs is None:
        pairs = {(pair.first_id, pair.second_id): pair.reasons for pair in duplicates.duplicate_pairs()}
        shared_cache.set(key, pairs, PAIRS_SECONDS)
    return pairs


def probable_duplicates_of(business_ids: set[int]) -> dict[int, list[Duplicate]]:
    """For each of these businesses that has any, the other listings that are
    probably the same business, with why."""
    pairs = {pair: reasons for pair, reasons in directory_pairs().items() if business_ids.intersection(pair)}
    if not pairs:
        return {}
    dismissed = set(
        DuplicateDismissal.objects.filter(first__in=[first for first, _second in pairs]).values_list(
            "first_id", "second_id"
        )
    )
    pairs = {pair: reasons for pair, reasons in pairs.items() if pair not in dismissed}
    names = dict(Business.objects.filter(pk__in={pk for pair in pairs for pk in pair}).values_list("pk", "name"))
    found: dict[int, list[Duplicate]] = {}
    for (first, second), reasons in sorted(pairs.items()):
        labels = [str(label) for key, label in duplicates.REASONS.items() if key in reasons]
        for this, other in ((first, second), (second, first)):
            if this in business_ids and other in names:
                url = reverse("admin:directory_business_change", args=[other])
                found.setdefault(this, []).append(Duplicate(name=names[other], url=url, reasons=labels))
    return found
