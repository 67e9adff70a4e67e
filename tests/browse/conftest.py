"""What the listing's tests share."""

import pytest

from directory.browse import held_index, held_loading
from directory.caching import public_data_changed
from directory.listings.models import Business


@pytest.fixture
def held(monkeypatch):
    """The listing's index in use whatever the directory's size, read in the request."""
    monkeypatch.setattr(held_loading, "INDEX_FROM", 0)
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", False)
    # Every word's matches asked at once, however many businesses use it.
    monkeypatch.setattr(held_index, "BROAD", 10**9)
    held_loading.forget()
    yield
    held_loading.forget()


@pytest.fixture
def few(make_business):
    """A handful of businesses, with different names, dates and stages."""
    for number, (name, stage) in enumerate(
        [("Sepatu Kulit Garut", "hilir"), ("Bengkel Sol Karet", "tengah"), ("Penyamakan Sukaregang", "hulu"),
         ("Sandal Jepit Tanggulangin", "hilir"), ("Zaitun Sepatu Anak", "hilir"), ("Maklon Sepatu Cibaduyut", "hilir")]
    ):  # fmt: skip
        business = make_business(name=name, stage=stage, minimum_order=100 * (number + 1))
        Business.objects.filter(pk=business.pk).update(published_at=business.created_at.replace(year=2020 + number))
    public_data_changed()
