"""Limits over a sliding window: the turn of the hour lets nobody in early."""

import pytest

from directory import rate_windows

HOUR = 3600
LIMITS = [("test-rate:hour", 3, HOUR)]


@pytest.fixture
def clock(monkeypatch):
    now = [100 * HOUR + HOUR - 5]  # five seconds before an hour turns

    def moved(seconds: float = 0) -> float:
        now[0] += seconds
        return now[0]

    monkeypatch.setattr(rate_windows, "clock", lambda: now[0])
    return moved


def send(times: int) -> None:
    for _ in range(times):
        assert rate_windows.seconds_until_allowed(LIMITS) == 0
        rate_windows.count(LIMITS)


def test_three_sent_just_before_the_hour_still_count_just_after_it(clock):
    send(3)
    wait = rate_windows.seconds_until_allowed(LIMITS)
    assert HOUR <= wait <= HOUR + HOUR / rate_windows.SLICES
    clock(10)  # the hour has turned
    assert rate_windows.seconds_until_allowed(LIMITS) == wait - 10
    clock(wait - 11)
    assert rate_windows.seconds_until_allowed(LIMITS) == 1
    # Where the wait said, the three have left the count together.
    clock(1)
    send(3)
    assert rate_windows.seconds_until_allowed(LIMITS) > 0


def test_no_hour_ever_holds_more_than_the_limit(clock):
    sent = []
    for _ in range(6 * HOUR // 60):
        if rate_windows.seconds_until_allowed(LIMITS) == 0:
            rate_windows.count(LIMITS)
            sent.append(clock())
        clock(60)
    # However the hours fall: a window that started again on the hour would
    # have let six through around each turn.
    assert max(sum(1 for other in sent if start <= other < start + HOUR) for start in sent) == 3
    assert len(sent) >= 15


def test_sends_spread_over_the_hour_leave_one_by_one(clock):
    send(1)
    clock(1200)
    send(2)
    wait = rate_windows.seconds_until_allowed(LIMITS)
    # The first send leaves the count an hour (and at most a slice) after it.
    assert HOUR - 1200 <= wait <= HOUR - 1200 + HOUR / rate_windows.SLICES
    clock(wait)
    send(1)
    assert rate_windows.seconds_until_allowed(LIMITS) > 0
