"""The reference rows are held in each process's memory under a token the
shared cache keeps (taxonomy.reference.reference_rows): a page neither
reads nor unpickles them, and the listing's filter form is made from them
once per language. A change to them (public_data_changed) reaches every
process through the token."""

from unittest import mock

import pytest
from django.http import QueryDict
from django.utils import translation

from directory.browse import filters
from directory.browse.filters import BusinessFilter
from directory.caching import REFERENCE_CACHE_KEY, public_data_changed
from directory.models import Business, ProductCategory
from directory.soft_cache import shared_cache
from directory.taxonomy.reference import reference_rows

pytestmark = pytest.mark.django_db


def test_rows_are_held_until_they_change(reference, django_assert_num_queries):
    rows = reference_rows()
    with django_assert_num_queries(0):
        assert reference_rows() is rows
    ProductCategory.objects.create(slug="sepatu-dansa", name="Sepatu dansa", name_en="Dance shoes")
    public_data_changed()
    again = reference_rows()
    assert again is not rows
    assert ("sepatu-dansa", "Sepatu dansa", "Dance shoes") in again["category"]


def test_another_process_s_change_reaches_this_one_through_the_token(reference):
    rows = reference_rows()
    # Another process forgot the rows: the shared token is gone.
    shared_cache.delete_many([REFERENCE_CACHE_KEY])
    assert reference_rows() is not rows


def test_the_listing_form_is_made_once_per_language(reference):
    made = mock.patch.object(
        filters.django_filters.FilterSet, "get_form_class", autospec=True,
        side_effect=filters.django_filters.FilterSet.get_form_class,
    )  # fmt: skip
    with made as get_form_class:
        for language in ["id", "en", "id", "en"]:
            with translation.override(language):
                form = BusinessFilter(QueryDict("province=32&tag=x"), queryset=Business.objects.all()).form
                assert form.is_valid()
                province = dict(form.fields["province"].choices)["32"]
                assert province == {"id": "Jawa Barat", "en": "West Java"}[language]
                assert form.fields["tag"].ignored == ["x"]
        assert get_form_class.call_count == 2
        # New reference rows: made again, with the new option.
        ProductCategory.objects.create(slug="sepatu-dansa", name="Sepatu dansa", name_en="Dance shoes")
        public_data_changed()
        with translation.override("en"):
            form = BusinessFilter(QueryDict("category=sepatu-dansa"), queryset=Business.objects.all()).form
            assert form.is_valid() and form.cleaned_data["category"] == ["sepatu-dansa"]
        assert get_form_class.call_count == 3
