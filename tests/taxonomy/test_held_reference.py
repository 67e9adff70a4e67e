"""The reference rows are held in each process's memory under a token the
shared cache keeps (taxonomy.reference.reference_rows): a page neither
reads nor unpickles them, and the listing's filter form is made from them
once per language. A change to them (public_data_changed) reaches every
process through the token."""

from unittest import mock

import pytest
from django.db import transaction
from django.http import QueryDict
from django.utils import translation

from directory.browse import filters
from directory.browse.filters import BusinessFilter
from directory.caching import REFERENCE_CACHE_KEY, public_data_changed
from directory.models import Business, ProductCategory
from directory.soft_cache import shared_cache
from directory.taxonomy.reference import name_held_rows, reference_rows

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
    # Another process changed them and forgot the rows: the shared token is gone.
    ProductCategory.objects.create(slug="sepatu-dansa", name="Sepatu dansa", name_en="Dance shoes")
    shared_cache.delete_many([REFERENCE_CACHE_KEY])
    again = reference_rows()
    assert again is not rows
    assert ("sepatu-dansa", "Sepatu dansa", "Dance shoes") in again["category"]


def test_a_change_that_leaves_them_as_they_were_costs_the_other_processes_nothing(reference):
    rows = reference_rows()
    token = shared_cache.get(REFERENCE_CACHE_KEY)
    # A business saved: every public page changes, the filter options do not.
    public_data_changed()
    assert shared_cache.get(REFERENCE_CACHE_KEY) is None
    # The process that reads them again keeps what it worked out of them...
    assert reference_rows() is rows
    # ...and names them with the token every other process holds them under.
    assert shared_cache.get(REFERENCE_CACHE_KEY) == token


def test_a_committed_change_names_the_rows_so_no_process_reads_them_again(
    transactional_db, reference, django_assert_num_queries
):
    rows = reference_rows()
    # Committed as it is made (no transaction around it).
    Business.objects.update(tagline="Sepatu kulit")
    public_data_changed()
    # The change left the filter options as they were: held as they are, no query.
    with django_assert_num_queries(0):
        assert reference_rows() is rows
    ProductCategory.objects.create(slug="sepatu-dansa", name="Sepatu dansa", name_en="Dance shoes")
    public_data_changed()
    with django_assert_num_queries(0):
        again = reference_rows()
    assert ("sepatu-dansa", "Sepatu dansa", "Dance shoes") in again["category"]


def test_a_transaction_names_them_once_however_many_changes_it_makes(reference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        public_data_changed()
        public_data_changed()
    assert callbacks.count(name_held_rows) == 1


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
