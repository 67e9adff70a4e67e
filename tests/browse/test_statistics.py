"""The network in figures, /statistik/: numbers against the database,
charts with their tables, caching and a fixed number of queries."""

import datetime
import re

import pytest
from django.utils import timezone

from directory.browse import statistics
from directory.caching import public_data_changed
from directory.models import Business, Province, Regency, Sentra
from directory.taxonomy.reference import reference_rows

pytestmark = pytest.mark.django_db
URL = "/statistik/"


def months_ago(months: int) -> datetime.datetime:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return timezone.make_aware(datetime.datetime(year, month + 1, 10, 12))


@pytest.fixture
def network(make_business):
    jatim = Province.objects.get(code="35")
    sidoarjo = Regency.objects.get(code="3515")
    make_business(
        roles=["brand", "producer"],
        categories=["sneakers"],
        size="small",
        export_ready=True,
        published_at=months_ago(0),
    )
    make_business(roles=["producer"], categories=["sneakers", "sandals"], size="micro", published_at=months_ago(0))
    make_business(
        roles=["supplier"],
        stage="tengah",
        categories=["outsole"],
        province=jatim,
        regency=sidoarjo,
        sentra=Sentra.objects.get(slug="tanggulangin"),
        size="medium",
        export_ready=True,
        published_at=months_ago(2),
    )
    # Published long ago, and before publication dates were kept.
    make_business(roles=["material-source"], stage="hulu", province=jatim, regency=None, published_at=months_ago(30))
    make_business(roles=["service"], stage="hulu", published_at=None)
    # Never counted.
    make_business(roles=["brand"], status="draft", export_ready=True, size="large", published_at=months_ago(0))
    make_business(roles=["brand"], status="suspended", categories=["sneakers"], published_at=months_ago(1))


def test_it_counts_what_the_database_holds(network):
    figures = statistics.count_figures()
    published = Business.objects.published()
    assert figures["total"] == published.count() == 5
    for slug in ["brand", "producer", "supplier", "material-source", "service", "organisation"]:
        assert figures["role"].get(slug, 0) == published.filter(roles__slug=slug).count()
    for stage in ["hulu", "tengah", "hilir"]:
        assert figures["stage"].get(stage, 0) == published.filter(stage=stage).count()
    for code in ["32", "35"]:
        assert figures["province"][code] == published.filter(province=code).count()
    for size in ["micro", "small", "medium", "large"]:
        assert figures["size"].get(size, 0) == published.filter(size=size).count()
    for slug in ["sneakers", "sandals", "outsole"]:
        assert figures["category"][slug] == published.filter(categories__slug=slug).count()
    assert figures["export"] == published.filter(export_ready=True).count() == 2


def test_it_counts_growth_per_month_over_24_months(network):
    months = statistics.count_figures()["months"]
    assert len(months) == 24
    assert months[-1][0] == timezone.localdate().replace(day=1).isoformat()
    added = [count for _month, count, _total in months]
    assert added[-1] == 2
    assert added[-3] == 1
    assert sum(added) == 3
    # The businesses published earlier, or on an unknown date, are there from the start.
    assert months[0][2] == 2
    assert months[-3][2] == 3
    assert months[-1][2] == 5


def test_it_shows_each_chart_as_svg_with_a_table(client, network):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert "5 usaha terbit" in text
    assert text.count('role="img"') == 7
    assert text.count("<svg") == text.count("<title id=") == 7
    assert text.count("<table") == 7
    # The role table links each role to the listing filtered by it.
    assert re.search(r'<a href="/direktori/\?role=producer">[^<]+</a></th><td>2</td><td>40,0%</td>', text)
    # Export-ready share: 2 of 5, with an Indonesian decimal comma.
    assert "40,0% usaha terbit (2) menyatakan siap ekspor" in text
    assert "Jawa Timur" in text
    assert 'class="chart__bar"' in text
    assert "<script" not in text.split("</header>")[1]


def test_it_speaks_english_under_en(client, network):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert "The network in figures" in response.text
    assert "Businesses by role in the value chain" in response.text
    assert 'href="/en/direktori/?role=producer"' in response.text
    assert "40.0% of the published businesses (2) say they are ready to export" in response.text


def test_it_draws_an_empty_network_without_error(client, reference):
    response = client.get(URL)
    assert response.status_code == 200
    assert "0 usaha terbit" in response.text


def test_it_counts_in_seven_queries_then_serves_from_the_cache(client, network, django_assert_num_queries):
    reference_rows()
    with django_assert_num_queries(7):
        client.get(URL)
    with django_assert_num_queries(0):
        client.get(URL)


def test_it_counts_again_after_a_public_change(client, network, make_business):
    client.get(URL)
    make_business(roles=["organisation"])
    public_data_changed()
    assert statistics.network_figures()["total"] == 6


def test_it_is_linked_from_the_home_page_and_the_footer(client, reference):
    home = client.get("/").text
    assert home.count('href="/statistik/"') == 2
    assert 'href="/en/statistik/"' in client.get("/en/direktori/").text
    sitemap = client.get("/sitemap-pages.xml").text
    assert "<loc>http://testserver/statistik/</loc>" in sitemap
    assert "<loc>http://testserver/en/statistik/</loc>" in sitemap
