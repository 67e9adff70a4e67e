"""The load test's verdicts: what counts as an error, when the site counts as
answering again, and an accepted inquiry that is missing. The run itself
needs a PostgreSQL server of its own and minutes of traffic: `make loadtest`."""

import io
import math
from email.message import Message

import pytest

from directory.management.commands.loadtest import Command
from directory.performance.load_records import Answer, Phase, cookies_from, hidden_value


def outage_phase() -> Phase:
    """PostgreSQL stopped at 30 s, accepting connections again at 34 s."""
    phase = Phase("2", 60, started=0.0, ended=60.0)
    phase.events = {"stopping": 30.0, "stopped": 30.5, "starting": 33.5, "back": 34.0}
    return phase


def test_it_accepts_a_friendly_503_during_the_outage():
    phase = outage_phase()
    phase.answers = [
        Answer("listing", 10.0, 10.2, 200),
        Answer("profile", 29.9, 30.1, 503, friendly=True),
        Answer("healthz", 31.0, 31.1, 503),
        Answer("inquiry", 33.0, 33.2, 503, friendly=True),
        Answer("listing", 34.5, 34.9, 200),
        Answer("healthz", 34.1, 34.3, 200),
    ]
    command = Command()
    assert command.errors(phase) == []
    assert command.budgets(phase) == []
    figures = command.outage(phase)
    assert figures["first_failed"] == 30.1
    assert figures["last_failed"] == 33.2
    assert figures["first_ok"] == 34.9


def test_it_counts_a_503_that_is_not_the_friendly_page():
    phase = outage_phase()
    phase.answers = [Answer("profile", 31.0, 31.1, 503, friendly=False), Answer("healthz", 35.0, 35.1, 200)]
    assert Command().budgets(phase) == ["run 2: 1 requests failed outside the outage or not with the friendly 503"]


def test_it_counts_a_503_outside_the_outage():
    phase = outage_phase()
    phase.answers = [
        Answer("listing", 5.0, 5.1, 503, friendly=True),
        Answer("listing", 45.0, 45.1, 503, friendly=True),
        Answer("healthz", 35.0, 35.1, 200),
    ]
    assert len(Command().errors(phase)) == 2


def test_it_fails_on_any_500_and_on_unanswered_requests():
    phase = Phase("1", 60, started=0.0, ended=60.0)
    phase.answers = [Answer("search", 1.0, 1.5, 500), Answer("profile", 2.0, 32.0, "TimeoutError")]
    missed = Command().budgets(phase)
    assert "run 1: 1 answers were 500" in missed
    assert "run 1: 2 requests failed outside the outage or not with the friendly 503" in missed


def test_it_leaves_inquiries_over_a_limit_or_sent_back_to_the_report():
    phase = Phase("1", 60, started=0.0, ended=60.0)
    phase.answers = [Answer("inquiry", 1.0, 1.1, 429), Answer("inquiry", 2.0, 2.1, 200)]
    assert Command().budgets(phase) == []


def test_it_measures_recovery_from_when_postgresql_is_back():
    phase = outage_phase()
    phase.answers = [
        Answer("listing", 33.9, 36.5, 503, friendly=True),
        Answer("healthz", 34.1, 34.6, 200),
    ]
    figures = Command().outage(phase)
    assert figures["recovery"] == 2.5
    assert Command().budgets(phase) == []

    phase.answers = [Answer("healthz", 34.5, 39.5, 200)]
    assert Command().outage(phase)["recovery"] == 5.5
    assert Command().budgets(phase) == ["run 2: answering again took 5.50 s after PostgreSQL was back"]


def test_it_does_not_count_the_wait_in_the_queue_as_outage():
    # Sent while PostgreSQL was down, answered once it was back: the site answered again then.
    phase = outage_phase()
    phase.answers = [Answer("healthz", 33.0, 35.0, 200), Answer("healthz", 34.2, 37.0, 200)]
    assert Command().outage(phase)["recovery"] == 1.0


def test_it_never_recovers_without_postgresql():
    phase = outage_phase()
    del phase.events["back"]
    phase.answers = [Answer("healthz", 40.0, 40.1, 503)]
    assert math.isinf(Command().outage(phase)["recovery"])


def test_it_fails_on_a_lost_inquiry():
    phase = Phase("1", 60, started=0.0, ended=60.0)
    phase.lost = {"LT-0123abcd-1-4-17"}
    assert Command().budgets(phase) == ["run 1: 1 accepted inquiries are not in the database"]


def test_it_reads_the_form_as_a_browser_does():
    html = (
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="Tok3n">'
        '<input type="hidden" name="started" value="1.5:abc" id="id_started"></form>'
    )
    assert hidden_value(html, "csrfmiddlewaretoken") == "Tok3n"
    assert hidden_value(html, "started") == "1.5:abc"
    assert hidden_value(html, "website") is None


def test_it_keeps_cookies_as_a_browser_does():
    class Response:
        headers = Message()

    Response.headers["Set-Cookie"] = "csrftoken=abc; Path=/; SameSite=Lax"
    Response.headers["Set-Cookie"] = 'messages="x"; Max-Age=0; Path=/'
    jar = cookies_from(Response, {"messages": "old"})
    assert jar == {"csrftoken": "abc"}


def test_it_reports_each_run(monkeypatch):
    phase = outage_phase()
    phase.answers = [Answer("listing", 10.0, 10.2, 200), Answer("healthz", 34.1, 34.2, 200)]
    output = io.StringIO()
    command = Command(stdout=output)
    monkeypatch.setattr(command, "found_inquiries", lambda phase: set())
    command.report(phase)
    text = output.getvalue()
    assert "1 requests in 60.0 s: 0.0 requests/s" in text
    assert "listing" in text and "200: 1" in text
    assert "answering again 0.20 s after PostgreSQL was back" in text


def test_it_takes_an_inquiry_but_not_a_cacheable_page_as_proof_of_the_database():
    phase = outage_phase()
    phase.answers = [Answer("profile", 34.1, 34.3, 200), Answer("inquiry", 34.2, 34.8, 302)]
    assert Command().outage(phase)["recovery"] == pytest.approx(0.8)
