"""The owner's rights over their data, as named functions: everything the site
keeps about an account as one JSON document, and deleting the account."""

import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.capabilities.models import CAPABILITY_LISTS
from directory.connect.models import Inquiry
from directory.listings.history import BusinessChange, ModerationLog
from directory.listings.models import Business, ListingStatus
from directory.review.models import BusinessClaim, ClaimStatus
from directory.storage import PrivateFiles

# The owner's data ------------------------------------------------------------

# Internal columns that say nothing about the account or the business.
EXPORT_SKIPPED_FIELDS = {"search_name", "search_document", "search_vector"}


def _value(field: models.Field, instance: models.Model, base_url: str) -> Any:
    value = getattr(instance, field.attname)
    if isinstance(field, models.FileField):
        file = getattr(instance, field.name)
        if not file:
            return None
        if isinstance(field.storage, PrivateFiles):
            return True  # evidence for staff: it exists, it has no address
        return base_url + file.url
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _fields(instance: models.Model, base_url: str, skip: set[str] = frozenset()) -> dict:
    """Every column of `instance` (foreign keys as their key), so that a field
    added to a model later is exported without anyone remembering to."""
    return {
        field.name: _value(field, instance, base_url)
        for field in instance._meta.concrete_fields
        if field.name not in EXPORT_SKIPPED_FIELDS | skip
    }


# Rows that point at a business but are not the owner's to read: a claim on
# it may be someone else's (with their phone number).
EXPORT_SKIPPED_BUSINESS_RELATIONS = {"claims"}
# Rows that point at the account and are exported on their own, or are
# staff's own records (the admin's log).
EXPORT_SKIPPED_USER_RELATIONS = {"businesses", "claims", "logentry_set"}


def rows_of(model: type[models.Model], skipped: set[str]) -> list[models.ManyToOneRel]:
    """The other tables whose rows belong to a row of `model`: every
    foreign key to it, so a table added later (products, photos, pending
    changes, inquiries...) is exported without anyone remembering to."""
    return [
        relation
        for relation in model._meta.related_objects
        if relation.one_to_many and relation.get_accessor_name() not in skipped and not relation.hidden
    ]


def _business_export(business: Business, base_url: str) -> dict:
    data = _fields(business, base_url)
    data["url"] = base_url + business.get_absolute_url()
    data["province"] = business.province.name
    data["regency"] = business.regency.name if business.regency else None
    data["sentra"] = business.sentra.name if business.sentra else None
    data["roles"] = [role.slug for role in business.roles.all()]
    data["categories"] = [category.slug for category in business.categories.all()]
    data["certifications"] = [certification.slug for certification in business.certifications.all()]
    data["tags"] = [tag.name for tag in business.tags.all()]
    for name in CAPABILITY_LISTS:
        data[name] = [getattr(row, "slug", row.pk) for row in getattr(business, name).all()]
    for relation in rows_of(Business, EXPORT_SKIPPED_BUSINESS_RELATIONS):
        name = relation.get_accessor_name()
        rows = getattr(business, name).all()
        data[name] = [_fields(row, base_url, {relation.field.name}) for row in rows]
    return data


def account_export(*, user: User, base_url: str = "") -> dict:
    """Everything the site holds about `user` and the businesses they own,
    ready for json.dumps: the account (never the password hash), every
    field of each business and of the rows that belong to it (products,
    photos with their addresses and descriptions, marketplace shops, changes
    waiting for review...), and the claims the user sent. `base_url`
    (https://host) makes file addresses absolute."""
    user_relations = rows_of(User, EXPORT_SKIPPED_USER_RELATIONS)
    user = User.objects.prefetch_related("groups", *(relation.get_accessor_name() for relation in user_relations)).get(
        pk=user.pk
    )
    account = _fields(user, base_url, {"password"})
    account["groups"] = [group.name for group in user.groups.all()]
    for relation in user_relations:
        name = relation.get_accessor_name()
        account[name] = [_fields(row, base_url, {relation.field.name}) for row in getattr(user, name).all()]
    business_relations = [
        relation.get_accessor_name() for relation in rows_of(Business, EXPORT_SKIPPED_BUSINESS_RELATIONS)
    ]
    businesses = (
        Business.objects.filter(owner=user)
        .select_related("province", "regency", "sentra")
        .prefetch_related("roles", "categories", "certifications", "tags", *CAPABILITY_LISTS, *business_relations)
        .order_by("pk")
    )
    claims = BusinessClaim.objects.filter(claimant=user).select_related("business").order_by("pk")
    return {
        "site": "Indonesia Footwear Network",
        "exported_at": timezone.now().isoformat(),
        "account": account,
        "businesses": [_business_export(business, base_url) for business in businesses],
        "claims": [
            {**_fields(claim, base_url, {"claimant", "decided_by"}), "business_name": claim.business.name}
            for claim in claims
        ],
    }


def account_delete(*, user: User) -> None:
    """Delete the account. Its businesses become unowned drafts, hidden from
    the public, and the inquiries written to them are deleted; its claims
    stay as staff's record without personal details; evidence files are
    deleted."""
    with transaction.atomic():
        owned_rows = list(Business.objects.select_for_update().filter(owner=user).values_list("pk", "name"))
        owned = [pk for pk, _name in owned_rows]
        Business.objects.filter(pk__in=owned).update(owner=None, status=ListingStatus.DRAFT, updated_at=timezone.now())
        # Staff see on each business why it went offline and lost its owner.
        ModerationLog.objects.bulk_create(
            ModerationLog(business_id=pk, business_name=name, action=ModerationLog.Action.OWNER_LEFT)
            for pk, name in owned_rows
        )
        claims = list(BusinessClaim.objects.select_for_update().filter(claimant=user))
        documents = [claim.document.name for claim in claims if claim.document]
        now = timezone.now()
        with translation.override(user.language):
            withdrawn = gettext("The claimant deleted their account.")
            abandoned = gettext("The owner deleted their account.")
        for claim in claims:
            if claim.is_pending:
                claim.status = ClaimStatus.REJECTED
                claim.reason = withdrawn
                claim.decided_at = now
            claim.position = claim.phone = claim.note = ""
            claim.document = ""
        BusinessClaim.objects.bulk_update(
            claims, ["position", "phone", "note", "document", "status", "reason", "decided_at"]
        )
        # Edits waiting for review are withdrawn with the account: nobody is
        # left to answer for them, and staff keep the row as their record.
        BusinessChange.objects.filter(business__in=owned, status=BusinessChange.Status.PENDING).update(
            status=BusinessChange.Status.REJECTED, reason=abandoned, decided_at=now
        )
        # Messages written to the owner leave with them: whoever claims the
        # business later must not read what was written to someone else.
        Inquiry.objects.filter(business__in=owned).delete()
        user.delete()
        storage = BusinessClaim._meta.get_field("document").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in documents])
    public_data_changed()
