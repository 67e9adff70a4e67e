"""The listing's filters fit a phone: a long facet shows its most used options
(the chosen ones first) and the rest behind "show all", a <details> that
works without JavaScript; the page stays within its weight budget."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from directory.browse.listing import TOP_OPTIONS
from directory.models import Province

pytestmark = pytest.mark.django_db
URL = "/direktori/"
# The listing's budget: its HTML, uncompressed, with every filter option in it.
BUDGET_BYTES = 40_000


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def spread(make_business):
    """Businesses in nine provinces, more of them in the first."""
    provinces = list(Province.objects.order_by("code")[:9])
    for number, province in enumerate(provinces):
        for copy in range(9 - number):
            make_business(name=f"Usaha {number}-{copy}", province=province, regency=None)
    return provinces


def group(response, name):
    return next(group for group in response.context["groups"] if group["name"] == name)


def test_it_shows_the_most_used_options_first_and_the_rest_behind_show_all(client, spread):
    province = group(client.get(URL), "province")
    assert [option["value"] for option in province["shown"]] == [p.code for p in spread[:TOP_OPTIONS]]
    # The rest alphabetically, behind a summary that says how many there are.
    names = [option["label"] for option in province["more"]]
    assert names == sorted(names, key=str.casefold) and len(names) == 9 - TOP_OPTIONS
    text = client.get(URL).text
    assert '<details class="facet__more"><summary>Tampilkan semua 9</summary>' in text
    assert '<fieldset class="facet" data-narrow="Cari provinsi">' in text


def test_it_puts_the_chosen_options_first(client, spread):
    least_used = spread[-1].code
    province = group(client.get(URL, {"province": least_used}), "province")
    assert province["shown"][0]["value"] == least_used and province["shown"][0]["selected"]
    assert len(province["shown"]) == TOP_OPTIONS
    # Choosing more than fit keeps every chosen one in sight.
    chosen = [p.code for p in spread[2:]]
    province = group(client.get(URL, {"province": chosen}), "province")
    assert {option["value"] for option in province["shown"]} == set(chosen)
    assert province["more"]


def test_it_shows_a_short_facet_whole_in_its_own_order(client, make_business):
    make_business(stage="hulu")
    for _ in range(3):
        make_business(stage="hilir")
    stage = group(client.get(URL), "stage")
    assert [option["value"] for option in stage["shown"]] == ["hulu", "hilir"]
    assert stage["more"] == [] and not stage["narrow"]


def test_it_enhances_the_filters_with_a_static_script(client, spread):
    text = client.get(URL).text
    assert re.search(r'<script src="/static/directory/filters\.js" defer></script>', text)
    assert '<div class="filters__apply"><button class="button" type="submit">Terapkan filter</button></div>' in text


def test_it_stays_within_its_weight_with_every_filter_shown(client):
    call_command("seed_demo", verbosity=0)
    for address in [
        URL,
        "/en" + URL,
        # Two provinces chosen: both provinces' regencies are offered too.
        URL + "?province=32&province=35",
        URL + "?province=32&province=35&role=producer&role=brand&sort=name",
        URL + "?q=zzyzx&province=32",
    ]:
        response = client.get(address)
        assert response.status_code == 200
        size = len(response.content)
        assert size <= BUDGET_BYTES, f"{address}: {size} bytes"
