"""Staff rename, merge and delete reference rows and tags in the admin; the
listing filters and search by what the rows say now, not by what they said."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from directory.caching import public_version
from directory.models import Business, Certification, Province, Regency, Role
from directory.search import admin as search_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, superuser):
    client.force_login(superuser)
    return client


def names(client, query: str) -> list[str]:
    return [business.name for business in client.get("/direktori/?" + query).context["businesses"]]


def form_data(response) -> dict:
    """What the admin change page would post back unchanged, its inlines included."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        count = len(formset.initial_forms)
        data |= {f"{formset.prefix}-TOTAL_FORMS": count, f"{formset.prefix}-INITIAL_FORMS": count}
        forms += formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is False or value is None:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def change(client, model: str, obj, **fields):
    """Posts `obj`'s admin change form with its current values but `fields`."""
    url = reverse(f"admin:{obj._meta.app_label}_{model}_change", args=[obj.pk])
    response = client.post(url, form_data(client.get(url)) | fields)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return response


def test_it_filters_by_a_renamed_role(staff, make_business):
    make_business(name="Sepatu Tapakrana", roles=["brand"])
    role = Role.objects.get(slug="brand")
    change(staff, "role", role, slug="merek-lokal")
    assert names(staff, "role=merek-lokal") == ["Sepatu Tapakrana"]
    assert names(staff, "role=brand") == ["Sepatu Tapakrana"]  # an unknown value is ignored, not matched
    assert "role:brand" not in Business.objects.get().facet_keys


def test_it_filters_by_a_renamed_certification(staff, make_business):
    make_business(name="Sepatu Tapakrana", certifications=["sni"])
    make_business(name="Sandal Lorosari")
    certification = Certification.objects.get(slug="sni")
    change(staff, "certification", certification, slug="sni-alas-kaki")
    assert names(staff, "certification=sni-alas-kaki") == ["Sepatu Tapakrana"]


def test_it_searches_by_a_renamed_province_and_regency(staff, make_business):
    make_business(name="Sepatu Tapakrana")
    province = Province.objects.get(code="32")
    regency = Regency.objects.get(code="3273")
    change(staff, "province", province, name="Tatar Pasundan")
    assert names(staff, "q=pasundan") == ["Sepatu Tapakrana"]
    change(staff, "regency", regency, name="Kota Kembang")
    assert names(staff, "q=kembang") == ["Sepatu Tapakrana"]


def test_it_leaves_the_businesses_alone_when_only_the_order_changes(staff, make_business, monkeypatch):
    make_business(roles=["brand"])
    rewritten = []
    monkeypatch.setattr(search_admin, "refresh_search_index", lambda ids: rewritten.append(set(ids)))
    version = public_version()
    change(staff, "role", Role.objects.get(slug="brand"), order=42)
    assert rewritten == []
    assert public_version() != version  # the filter options show the new order


def test_it_forgets_a_deleted_role(staff, make_business):
    make_business(name="Sepatu Tapakrana", roles=["brand", "producer"])
    role = Role.objects.get(slug="brand")
    version = public_version()
    response = staff.post(
        reverse("admin:directory_role_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [role.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Role.objects.filter(slug="brand").exists()
    assert "role:brand" not in Business.objects.get().facet_keys
    assert public_version() != version


def test_it_filters_by_a_renamed_tag(staff, make_business):
    make_business(name="Sepatu Tapakrana", tags=["kanvas"])
    change(staff, "tag", Tag.objects.get(name="kanvas"), name="kanvas tebal", slug="kanvas-tebal")
    assert names(staff, "tag=kanvas-tebal") == ["Sepatu Tapakrana"]
    assert names(staff, "q=tebal") == ["Sepatu Tapakrana"]


def test_it_filters_by_the_tag_two_tags_were_merged_into(staff, make_business):
    make_business(name="Sepatu Tapakrana", tags=["kanvas"])
    make_business(name="Sandal Lorosari", tags=["canvas"])
    chosen = list(Tag.objects.values_list("pk", flat=True))
    staff.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", ACTION_CHECKBOX_NAME: chosen},
    )
    response = staff.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "bahan kanvas"})
    assert response.status_code == 302
    new_slug = Tag.objects.get(name="bahan kanvas").slug
    assert sorted(names(staff, f"tag={new_slug}")) == ["Sandal Lorosari", "Sepatu Tapakrana"]


def test_it_searches_by_a_regency_renamed_on_its_province_page(staff, make_business):
    make_business(name="Sepatu Tapakrana")
    province = Province.objects.get(code="32")
    url = reverse("admin:directory_province_change", args=[province.pk])
    data = form_data(staff.get(url))
    [field] = [name for name, value in data.items() if name.endswith("-name") and value == "Kota Bandung"]
    assert staff.post(url, data | {field: "Kota Kembang"}).status_code == 302
    assert names(staff, "q=kembang") == ["Sepatu Tapakrana"]
