"""Moderators merge the duplicates they find (the right to merge, not to
delete), and the owners of merged listings hear which listing was kept, in
their own language, once the merge is committed."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Business

pytestmark = pytest.mark.django_db

DUPLICATES = reverse("admin:directory_business_duplicates")


@pytest.fixture
def moderating(client, staff_moderator):
    client.force_login(staff_moderator)
    return client


@pytest.fixture
def twins(make_business):
    keep = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", phone="0812345678")
    duplicate = make_business(name="CV Sepatu Tapakrana", slug="cv-sepatu-tapakrana", phone="+62812345678")
    return keep, duplicate


def merge_url(keep, duplicate) -> str:
    return reverse("admin:directory_business_merge", args=[keep.pk, duplicate.pk])


def test_it_shows_moderators_the_merge_buttons(moderating, twins):
    keep, duplicate = twins
    page = moderating.get(DUPLICATES).text
    assert merge_url(keep, duplicate) in page and merge_url(duplicate, keep) in page


def test_it_lets_moderators_merge_without_the_right_to_delete(moderating, twins, staff_moderator):
    keep, duplicate = twins
    assert not staff_moderator.has_perm("directory.delete_business")
    assert moderating.get(merge_url(keep, duplicate)).status_code == 200
    response = moderating.post(merge_url(keep, duplicate))
    assert response.status_code == 302
    assert list(Business.objects.values_list("pk", flat=True)) == [keep.pk]
    # Deleting a listing by hand stays closed to them.
    delete = reverse("admin:directory_business_delete", args=[keep.pk])
    assert moderating.post(delete, {"post": "yes"}).status_code == 403


def test_it_still_refuses_merging_to_staff_outside_the_group(client, moderator, twins):
    client.force_login(moderator)
    keep, duplicate = twins
    assert client.post(merge_url(keep, duplicate)).status_code == 403


def test_it_tells_the_owner_of_the_removed_listing_in_their_language(
    moderating, twins, owner, django_capture_on_commit_callbacks, settings
):
    keep, duplicate = twins
    owner.language = "en"
    owner.save()
    Business.objects.filter(pk=duplicate.pk).update(owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        moderating.post(merge_url(keep, duplicate))
    [message] = mail.outbox
    assert message.to == [owner.email]
    assert message.subject == "[IFN] Sepatu Tapakrana and a duplicate are now one listing"
    assert "CV Sepatu Tapakrana and Sepatu Tapakrana are the same business" in message.body
    assert "Sepatu Tapakrana was kept" in message.body
    assert f"{settings.SITE_URL}/en/direktori/sepatu-tapakrana/" in message.body
    assert message.content_subtype == "plain"


def test_it_tells_the_owner_of_the_kept_listing_once_in_indonesian(
    moderating, twins, owner, django_capture_on_commit_callbacks, settings
):
    keep, duplicate = twins
    Business.objects.filter(pk__in=[keep.pk, duplicate.pk]).update(owner=owner)  # one owner listed twice
    with django_capture_on_commit_callbacks(execute=True):
        moderating.post(merge_url(keep, duplicate))
    [message] = mail.outbox
    assert message.subject == "[IFN] Sepatu Tapakrana dan duplikatnya kini menjadi satu listing"
    assert "Sepatu Tapakrana dipertahankan" in message.body
    assert f"{settings.SITE_URL}/direktori/sepatu-tapakrana/" in message.body


def test_it_mails_nobody_before_the_merge_is_committed(moderating, twins, owner):
    keep, duplicate = twins
    Business.objects.filter(pk=keep.pk).update(owner=owner)
    moderating.post(merge_url(keep, duplicate))
    assert mail.outbox == []  # the test's transaction never commits


def test_it_mails_nobody_when_no_listing_has_an_owner(moderating, twins, django_capture_on_commit_callbacks):
    keep, duplicate = twins
    with django_capture_on_commit_callbacks(execute=True):
        moderating.post(merge_url(keep, duplicate))
    assert mail.outbox == []
