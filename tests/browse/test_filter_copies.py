"""Each request's filters are its own (browse.filters.LeanCopy): the options
one request is given in its language never show in another's, and each
filter's method answers to its own FilterSet."""

import pytest
from django.http import QueryDict
from django.utils import translation

from directory.browse.filters import BusinessFilter
from directory.models import Business

pytestmark = pytest.mark.django_db


def test_each_filterset_has_its_own_options_in_its_own_language(reference):
    with translation.override("en"):
        english = BusinessFilter(QueryDict(""), queryset=Business.objects.all())
    with translation.override("id"):
        indonesian = BusinessFilter(QueryDict(""), queryset=Business.objects.all())
    assert dict(english.filters["province"].extra["choices"])["32"] == "West Java"
    assert dict(indonesian.filters["province"].extra["choices"])["32"] == "Jawa Barat"
    # The class's filters are not given anyone's options.
    assert "choices" not in BusinessFilter.base_filters["province"].extra
    assert english.filters["province"] is not BusinessFilter.base_filters["province"]


def test_each_filter_s_method_is_bound_to_its_own_filterset(make_business):
    make_business(name="Sepatu Barat", stage="hilir")
    make_business(name="Kulit Hulu", stage="hulu")
    upstream = BusinessFilter(QueryDict("stage=hulu"), queryset=Business.objects.published())
    downstream = BusinessFilter(QueryDict("stage=hilir"), queryset=Business.objects.published())
    assert upstream.filters["stage"].filter.f is upstream.filters["stage"]
    assert upstream.filters["stage"].parent is upstream
    assert [business.name for business in upstream.qs] == ["Kulit Hulu"]
    assert [business.name for business in downstream.qs] == ["Sepatu Barat"]
