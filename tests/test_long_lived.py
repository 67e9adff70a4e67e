"""What a process builds to keep (the typo vocabulary, the sample of the
counts) is set aside from the garbage collector's full walks once built."""

import gc

import pytest
from django.db import connection

from directory.browse import facet_sample
from directory.search import typos

pytestmark = pytest.mark.django_db


def test_building_the_vocabulary_sets_what_the_process_holds_aside(client, make_business):
    make_business(name="Sepatu Kulit Garut")
    gc.unfreeze()
    typos.vocabulary_changed()
    assert client.get("/direktori/", {"q": "sepatu kulitt"}).status_code == 200
    assert gc.get_freeze_count() > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the counts are sampled on PostgreSQL only")
def test_loading_the_sample_sets_what_the_process_holds_aside(make_business):
    make_business(name="Sepatu Kulit Garut")
    gc.unfreeze()
    facet_sample._held.clear()
    facet_sample.current(0.5)
    assert gc.get_freeze_count() > 0
