"""The exchange rate that applies now, read once per request from the shared
cache, and staff setting a new one."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from directory.caching import public_data_changed, read_together, remembered, shared_get
from directory.money.models import ExchangeRate
from directory.soft_cache import shared_cache

RATE_CACHE_KEY = read_together("directory:exchange-rate:v1")
RATE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Rate:
    rupiah_per_dollar: Decimal
    date: datetime.date


def current_rate() -> Rate | None:
    """The latest rate staff set; None when there is none."""
    return remembered(RATE_CACHE_KEY, cached_rate)


def cached_rate() -> Rate | None:
    stored = shared_get(RATE_CACHE_KEY)
    if stored is None:
        latest = ExchangeRate.objects.order_by("-date", "-pk").values_list("rupiah_per_dollar", "date").first()
        # An empty tuple stands for "no rate": None is the cache's miss.
        stored = tuple(latest or ())
        shared_cache.set(RATE_CACHE_KEY, stored, RATE_SECONDS)
    return Rate(*stored) if stored else None


def rates_changed() -> None:
    """Every page with a price shows the new rate (or none) from now on."""
    shared_cache.delete_many([RATE_CACHE_KEY])
    # Prices in the other currency change; no listing leaves the public's view.
    public_data_changed(withdraws=False)


def exchange_rate_save(*, rate: ExchangeRate, user) -> ExchangeRate:
    """Staff set (or correct) a rate; pages follow once it is committed."""
    if rate.set_by_id is None:
        rate.set_by = user
    rate.save()
    transaction.on_commit(rates_changed)
    return rate


def exchange_rate_delete(*, rate: ExchangeRate) -> None:
    rate.delete()
    transaction.on_commit(rates_changed)
