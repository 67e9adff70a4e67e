"""Rate limits of the request form per sender network, counted in the cache
like the contact form's (connect.inquiry_form); the address itself is only
used hashed, inside the cache key."""

from directory import rate_windows

# (how many, per how many seconds)
RATE_LIMITS = ((3, 60 * 60), (10, 60 * 60 * 24))


def _limits(network: str) -> list[rate_windows.Limit]:
    return [(f"request-rate:{window}:{network}", limit, window) for limit, window in RATE_LIMITS]


def seconds_until_allowed(network: str) -> int:
    return rate_windows.seconds_until_allowed(_limits(network))


def count_request(network: str) -> None:
    rate_windows.count(_limits(network))


__all__ = ["count_request", "seconds_until_allowed"]
