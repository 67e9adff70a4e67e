"""How promptly a business answers the people who write to it: the share of
its messages answered within 48 hours and the median time to a first
answer, over the last 90 days.

Every kind of message a business can answer is one `Source`: which rows,
when each was received and when it was first answered. Inquiries and the
invitations of sourcing requests; another kind plugs in by adding its line
to SOURCES.

A message counts once it is decided: answered, or unanswered for 48 hours.
One that arrived less than 48 hours ago and is still waiting has had no
fair chance yet. An unanswered message counts as never answered, so a
business that leaves most messages unanswered has no median at all.

The figures are stored on the business (`responses_counted`,
`responses_within_48h`, `response_median`), so cards and profiles read them
with the row they already load. They are written again when an answer is
recorded and for every business by `manage.py measure_responsiveness`, run
daily, as messages grow old enough to count and leave the window. Public
pages show them from MIN_MESSAGES messages on; a cached page catches up
within its ten minutes."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.connect.models import Inquiry
from directory.listings.models import Business

WINDOW = datetime.timedelta(days=90)
PROMPTLY = datetime.timedelta(hours=48)
# Fewer messages say more about the senders than about the business.
MIN_MESSAGES = 5


class Source(NamedTuple):
    """Messages to businesses: `rows()` gives them (only those the business
    could see), `received` and `answered` name their datetime fields, and
    `business` the field holding the business's key."""

    rows: Callable[[], QuerySet]
    received: str
    answered: str
    business: str = "business_id"


SOURCES: list[Source] = [
    Source(lambda: Inquiry.objects.delivered(), "created_at", "replied_at"),
    # Sourcing requests sit above this package: their invitations are named,
    # not imported. An invitation is answered by its first quote or decline.
    Source(lambda: apps.get_model("directory", "Invitation").objects.all(), "invited_at", "answered_at"),
]


@dataclass(frozen=True)
class Responsiveness:
    counted: int
    within_48h: int
    median: datetime.timedelta | None

    FIELDS = ("responses_counted", "responses_within_48h", "response_median")

    @classmethod
    def of(cls, business: Business) -> "Responsiveness":
        return cls(business.responses_counted, business.responses_within_48h, business.response_median)

    @property
    def values(self) -> tuple:
        return (self.counted, self.within_48h, self.median)


NOTHING = Responsiveness(0, 0, None)


def measure(delays: list[datetime.timedelta | None]) -> Responsiveness:
    """The figures of one business's decided messages, each the time it took
    to answer, or None when it was not answered."""
    if not delays:
        return NOTHING
    within = sum(1 for delay in delays if delay is not None and delay <= PROMPTLY)
    # Unanswered last: they are slower than any answer.
    ordered = sorted(delays, key=lambda delay: (delay is None, delay or datetime.timedelta()))
    middle = len(ordered) // 2
    if len(ordered) % 2:
        median = ordered[middle]
    else:
        lower, upper = ordered[middle - 1], ordered[middle]
        median = None if upper is None else (lower + upper) / 2
    if median is not None:
        median = datetime.timedelta(seconds=round(median.total_seconds()))
    return Responsiveness(len(delays), within, median)


def delays_by_business(
    *, now: datetime.datetime, business_ids: Iterable[int] | None = None
) -> dict[int, list[datetime.timedelta | None]]:
    """Every decided message of the window, from every source, by business."""
    delays: dict[int, list[datetime.timedelta | None]] = {}
    for source in SOURCES:
        rows = source.rows().filter(
            Q(**{f"{source.answered}__isnull": False}) | Q(**{f"{source.received}__lte": now - PROMPTLY}),
            **{f"{source.received}__gte": now - WINDOW, f"{source.received}__lte": now},
        )
        if business_ids is not None:
            rows = rows.filter(**{f"{source.business}__in": list(business_ids)})
        fields = (source.business, source.received, source.answered)
        for business_id, received, answered in rows.order_by().values_list(*fields).iterator(chunk_size=5000):
            delay = None
            if answered is not None:
                delay = max(answered - received, datetime.timedelta())
            delays.setdefault(business_id, []).append(delay)
    return delays


def responsiveness_refresh(*, business_ids: Iterable[int] | None = None, now: datetime.datetime | None = None) -> int:
    """Measures the businesses given, or all of them, and stores what
    changed, leaving their "last updated" date alone. Returns how many rows
    were written."""
    now = now or timezone.now()
    if business_ids is not None:
        business_ids = list(business_ids)
    measured = {pk: measure(delays) for pk, delays in delays_by_business(now=now, business_ids=business_ids).items()}
    stored = Business.objects.all()
    if business_ids is not None:
        stored = stored.filter(pk__in=business_ids)
    else:
        # Only those with figures to clear or to write: most businesses have neither.
        stored = stored.filter(Q(responses_counted__gt=0) | Q(pk__in=list(measured)))
    changed = {}
    for business in stored.only("pk", *Responsiveness.FIELDS).order_by("pk").iterator(chunk_size=2000):
        figures = measured.get(business.pk, NOTHING)
        if Responsiveness.of(business) != figures:
            changed[business.pk] = figures
    _store(changed)
    return len(changed)


STORE_BATCH = 1000


def _store(figures: dict[int, Responsiveness]) -> None:
    """One UPDATE ... FROM (VALUES ...) per thousand businesses. Django's
    bulk_update() writes a CASE per field listing every row, four times
    slower on PostgreSQL for 20,000 businesses (65 s against 16 s)."""
    table = connection.ops.quote_name(Business._meta.db_table)
    columns = [connection.ops.quote_name(Business._meta.get_field(name).column) for name in Responsiveness.FIELDS]
    median = Business._meta.get_field("response_median")
    # The first row's NULL median would leave PostgreSQL guessing its type.
    row = "(%s, %s, %s, %s::interval)" if connection.vendor == "postgresql" else "(%s, %s, %s, %s)"
    assignments = ", ".join(f"{column} = v.column{number}" for number, column in enumerate(columns, start=2))
    rows = [
        (pk, item.counted, item.within_48h, median.get_db_prep_value(item.median, connection))
        for pk, item in sorted(figures.items())
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), STORE_BATCH):
            batch = rows[start : start + STORE_BATCH]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(batch))}) AS v "
                f"WHERE {table}.id = v.column1",
                [value for values in batch for value in values],
            )


# What the public sees ---------------------------------------------------------------

# The median answer time in words, the first bound it fits under.
TYPICAL = [
    (datetime.timedelta(hours=1), _("Usually replies within an hour")),
    (datetime.timedelta(hours=6), _("Usually replies within a few hours")),
    (datetime.timedelta(days=1), _("Usually replies within 1 day")),
    (datetime.timedelta(days=2), _("Usually replies within 2 days")),
    (datetime.timedelta(days=7), _("Usually replies within a week")),
]


@dataclass(frozen=True)
class ReplyLine:
    typical: str
    percent: int
    messages: int


def reply_line(business: Business) -> ReplyLine | None:
    """What a card or a profile says about the business's answers; None
    below MIN_MESSAGES measured messages."""
    figures = Responsiveness.of(business)
    if figures.counted < MIN_MESSAGES:
        return None
    typical = ""
    if figures.median is not None:
        typical = next((str(words) for bound, words in TYPICAL if figures.median <= bound), "")
    percent = round(100 * figures.within_48h / figures.counted)
    return ReplyLine(typical=typical, percent=percent, messages=figures.counted)
