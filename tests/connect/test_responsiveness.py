"""How promptly a business answers: measured from its messages of the last
90 days, stored on the business, shown on its cards and profile from five
messages on, measured again when an answer is recorded and by
measure_responsiveness."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from directory.connect import responsiveness
from directory.connect.responsiveness import Source, measure, reply_line, responsiveness_refresh
from directory.models import Business, CollaborationPost, Inquiry

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Cepat", slug="sepatu-cepat", owner=owner)


@pytest.fixture
def write(business):
    """A message received `ago` before now, answered `answered_after` later (or never)."""
    now = timezone.now()

    def make(ago, answered_after=None, **fields):
        fields.setdefault("business", business)
        received = now - ago
        return Inquiry.objects.create(
            name="Jane Buyer",
            email="jane@example.com",
            sender_type="buyer",
            country="Singapore",
            message="500 pairs of loafers, please.",
            created_at=received,
            replied_at=None if answered_after is None else received + answered_after,
            **fields,
        )

    return make


def stored(business) -> tuple:
    business.refresh_from_db()
    return business.responses_counted, business.responses_within_48h, business.response_median


# Measuring ---------------------------------------------------------------------------


def test_it_takes_the_middle_answer_time_as_the_median():
    assert measure([3 * HOUR, 1 * HOUR, 50 * HOUR]) == responsiveness.Responsiveness(3, 2, 3 * HOUR)
    assert measure([1 * HOUR, 3 * HOUR, 5 * HOUR, 7 * HOUR]).median == 4 * HOUR
    assert measure([]) == responsiveness.NOTHING


def test_it_counts_an_unanswered_message_as_slower_than_any_answer():
    assert measure([HOUR, None, None]) == responsiveness.Responsiveness(3, 1, None)
    assert measure([HOUR, 2 * HOUR, None]).median == 2 * HOUR
    # Half unanswered: no typical answer time to speak of.
    assert measure([HOUR, 2 * HOUR, None, None]).median is None


def test_it_stores_the_share_answered_within_48_hours_and_the_median(business, write):
    for hours in (1, 2, 3, 30, 60):
        write(ago=10 * DAY, answered_after=hours * HOUR)
    write(ago=5 * DAY)
    assert responsiveness_refresh(business_ids=[business.pk]) == 1
    # 1, 2, 3, 30, 60 hours and never: the middle two are 3 and 30 hours.
    assert stored(business) == (6, 4, datetime.timedelta(hours=16, minutes=30))


def test_it_counts_only_the_last_90_days_and_decided_messages(business, write, make_business):
    write(ago=91 * DAY, answered_after=HOUR)  # too old
    write(ago=10 * HOUR)  # still has time to be answered
    write(ago=10 * HOUR, answered_after=HOUR)  # answered already: counts
    write(ago=3 * DAY)  # 48 hours passed without an answer: counts
    write(ago=3 * DAY, answered_after=HOUR, held_at=timezone.now())  # held for staff, never seen by the owner
    write(ago=3 * DAY, answered_after=HOUR, business=make_business())  # another business's
    responsiveness_refresh()
    assert stored(business) == (2, 1, None)


def test_it_clears_the_figures_once_the_messages_have_left_the_window(business, write):
    write(ago=89 * DAY, answered_after=HOUR)
    responsiveness_refresh()
    assert stored(business)[0] == 1
    responsiveness_refresh(now=timezone.now() + 2 * DAY)
    assert stored(business) == (0, 0, None)


def test_it_leaves_the_last_updated_date_alone(business, write):
    before = Business.objects.get(pk=business.pk).updated_at
    write(ago=3 * DAY, answered_after=HOUR)
    responsiveness_refresh()
    assert Business.objects.get(pk=business.pk).updated_at == before


def test_it_measures_another_kind_of_message_plugged_in_as_a_source(business, write, monkeypatch):
    # Any rows with a business, a time received and a time answered: here
    # posts, sent for review and published, stand in for such a kind.
    posts = Source(lambda: CollaborationPost.objects.all(), "submitted_at", "published_at")
    monkeypatch.setattr(responsiveness, "SOURCES", [*responsiveness.SOURCES, posts])
    write(ago=5 * DAY, answered_after=HOUR)
    sent = timezone.now() - 4 * DAY
    CollaborationPost.objects.create(
        business=business,
        kind="offer",
        title="Maklon",
        description="Terima pesanan maklon.",
        until=timezone.localdate(),
        submitted_at=sent,
        published_at=sent + 3 * HOUR,
    )
    responsiveness_refresh()
    assert stored(business) == (2, 2, 2 * HOUR)


def test_it_measures_again_when_the_owner_marks_a_message_replied(client, owner, business, write):
    for _number in range(4):
        write(ago=4 * DAY, answered_after=2 * HOUR)
    waiting = write(ago=HOUR)
    responsiveness_refresh()
    assert stored(business) == (4, 4, 2 * HOUR)
    client.force_login(owner)
    assert client.post(f"/dasbor/pesan/{waiting.pk}/dibalas/").status_code == 302
    assert stored(business)[:2] == (5, 5)
    assert client.post(f"/dasbor/pesan/{waiting.pk}/belum-dibalas/").status_code == 302
    assert stored(business)[:2] == (4, 4)


def test_the_command_measures_every_business(business, write, capsys):
    write(ago=3 * DAY, answered_after=HOUR)
    call_command("measure_responsiveness")
    assert "1 business(es) with new figures" in capsys.readouterr().out
    assert stored(business) == (1, 1, HOUR)
    call_command("measure_responsiveness")
    assert "0 business(es) with new figures" in capsys.readouterr().out


# What the public sees ---------------------------------------------------------------


def figures(business, counted, within, median):
    Business.objects.filter(pk=business.pk).update(
        responses_counted=counted, responses_within_48h=within, response_median=median
    )


@pytest.mark.parametrize(
    ("median", "words"),
    [
        (30 * datetime.timedelta(minutes=1), "Usually replies within an hour"),
        (5 * HOUR, "Usually replies within a few hours"),
        (20 * HOUR, "Usually replies within 1 day"),
        (40 * HOUR, "Usually replies within 2 days"),
        (5 * DAY, "Usually replies within a week"),
        (9 * DAY, ""),
        (None, ""),
    ],
)
def test_it_puts_the_median_in_words(business, median, words):
    figures(business, 8, 6, median)
    business.refresh_from_db()
    with translation.override("en"):
        line = reply_line(business)
    assert (line.typical, line.percent, line.messages) == (words, 75, 8)


def test_it_says_nothing_below_five_messages(client, business):
    figures(business, 4, 4, HOUR)
    assert "reply-time" not in client.get("/direktori/sepatu-cepat/").text
    assert "card__reply" not in client.get("/direktori/", {"q": "cepat"}).text


def test_it_shows_the_line_on_the_profile_in_both_languages(client, business):
    figures(business, 12, 9, 20 * HOUR)
    page = client.get("/direktori/sepatu-cepat/").text
    assert "Biasanya membalas dalam 1 hari" in page
    assert "75% dari 12 pesannya dalam 90 hari terakhir dibalas dalam 48 jam." in page
    page = client.get("/en/direktori/sepatu-cepat/").text
    assert "Usually replies within 1 day" in page
    assert "75% of its 12 messages of the last 90 days answered within 48 hours." in page


def test_it_shows_only_the_share_when_most_messages_go_unanswered(client, business):
    figures(business, 10, 2, None)
    page = client.get("/en/direktori/sepatu-cepat/").text
    assert "Usually replies" not in page
    assert "20% of its 10 messages of the last 90 days answered within 48 hours." in page


def test_it_shows_the_line_on_the_cards_in_both_languages(client, business):
    figures(business, 8, 7, 3 * HOUR)
    line = "Biasanya membalas dalam beberapa jam · 88% pesan dibalas dalam 48 jam"
    assert line in client.get("/direktori/", {"q": "cepat"}).text
    line = "Usually replies within a few hours · 88% of messages answered within 48 hours"
    assert line in client.get("/en/direktori/", {"q": "cepat"}).text


def test_it_reads_the_profile_without_another_query(
    client, business, make_business, django_assert_num_queries, settings
):
    settings.PUBLIC_PAGE_CACHE = False
    silent = make_business(name="Sepatu Diam", slug="sepatu-diam")
    client.get(silent.get_absolute_url())
    # The business with its stored partners' cards, in one query.
    with django_assert_num_queries(1) as without:
        client.get(silent.get_absolute_url())
    figures(business, 8, 7, 3 * HOUR)
    with django_assert_num_queries(len(without)):
        response = client.get("/direktori/sepatu-cepat/")
    assert "Biasanya membalas dalam beberapa jam" in response.text


def test_it_reads_a_page_of_cards_without_another_query(client, make_business, django_assert_num_queries):
    for number in range(6):
        figures(make_business(name=f"Usaha {number}", roles=["brand"]), 8, 7, 3 * HOUR)
    client.get("/direktori/", {"role": "brand"})
    # Warm, as tests/browse/test_directory_list.py counts it: the page and its cards' photos.
    with django_assert_num_queries(2):
        response = client.get("/direktori/", {"role": "brand", "page": "1"})
    assert response.text.count('class="card__reply"') == 6
