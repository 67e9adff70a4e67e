"""Merging two listings of one business into one, and recording that two
similar listings are different businesses."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.connect.ranked_partners import partners_changed
from directory.errors import ServiceError
from directory.listings.editing import discard_proposed_logo
from directory.listings.history import BusinessChange, ModerationLog, log_moderation
from directory.listings.models import Business, BusinessPhoto, Product
from directory.mail import in_language_of, send_or_log
from directory.privacy.data_rights import rows_of
from directory.review.claims import claim_decide
from directory.review.models import ClaimStatus
from directory.search.index import refresh_search_index
from directory.stewardship.merge_rows import move_rows
from directory.stewardship.models import DuplicateDismissal, MergedSlug

# Merging duplicates ------------------------------------------------------------


class MergeError(ServiceError):
    pass


# Copied from the duplicate when the kept listing has no value of its own.
MERGE_FILLED_FIELDS = [
    "tagline",
    "tagline_en",
    "description",
    "description_en",
    "founded_year",
    "size",
    "monthly_capacity",
    "minimum_order",
    "export_markets",
    "address",
    "postal_code",
    "phone",
    "whatsapp",
    "email",
    "website",
    "instagram",
    "facebook",
    "youtube",
    "tiktok",
]
# Rows that point at a business and need more than a new business id.
MERGE_SPECIAL_RELATIONS = {"marketplace_shops", "photos", "products", "changes", "claims"}


def merge_refusal(*, keep: Business, duplicate: Business) -> str:
    """Why `duplicate` cannot be merged into `keep`, or "" when it can."""
    if keep.pk == duplicate.pk:
        return gettext("A business cannot be merged into itself.")
    if keep.owner_id and duplicate.owner_id and keep.owner_id != duplicate.owner_id:
        return gettext(
            "These listings have different owners, so neither can be merged into the other. "
            "Ask the owners which listing is right; one of them can delete theirs."
        )
    return ""


def _earliest(*moments):
    return min((moment for moment in moments if moment), default=None)


def _latest(*moments):
    return max((moment for moment in moments if moment), default=None)


def _fill_from(keep: Business, duplicate: Business) -> None:
    for name in MERGE_FILLED_FIELDS:
        if getattr(keep, name) in ("", None) and getattr(duplicate, name) not in ("", None):
            setattr(keep, name, getattr(duplicate, name))
    if not keep.regency_id and duplicate.regency_id and duplicate.province_id == keep.province_id:
        keep.regency_id = duplicate.regency_id
    if not keep.sentra_id and duplicate.sentra_id and keep.regency_id == duplicate.regency_id:
        keep.sentra_id = duplicate.sentra_id
    if not keep.logo and duplicate.logo:
        # The files now belong to the kept row: the duplicate's row must not
        # delete them when it goes.
        keep.logo = duplicate.logo.name
        keep.logo_width, keep.logo_height, keep.logo_widths = (
            duplicate.logo_width,
            duplicate.logo_height,
            duplicate.logo_widths,
        )
        duplicate.logo = ""
    keep.owner_id = keep.owner_id or duplicate.owner_id
    keep.export_ready = keep.export_ready or duplicate.export_ready
    keep.verified = keep.verified or duplicate.verified
    keep.featured = keep.featured or duplicate.featured
    keep.created_at = _earliest(keep.created_at, duplicate.created_at)
    if keep.is_published:
        # A kept draft is not published by the merge, so takes no publication date.
        keep.published_at = _earliest(keep.published_at, duplicate.published_at)
    keep.last_confirmed_at = _latest(keep.last_confirmed_at, duplicate.last_confirmed_at)


def business_merge(*, keep: Business, duplicate: Business, moderator: User) -> Business:
    """Merges `duplicate` into `keep` and deletes it. `keep` gains the
    duplicate's products, photos, marketplace shops, claims, changes and
    moderation record, the union of roles, categories, certifications and
    tags, its values for the fields `keep` leaves empty, and its owner when
    `keep` has none; the duplicate's address leads to `keep` from then on
    (`MergedSlug`). A "merged" entry naming the duplicate is logged on
    `keep`. Raises MergeError when both have different owners."""
    with transaction.atomic():
        rows = Business.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
        if keep.pk not in rows or duplicate.pk not in rows:
            raise MergeError(gettext("One of these businesses no longer exists; perhaps it was merged already."))
        keep, duplicate = rows[keep.pk], rows[duplicate.pk]
        refusal = merge_refusal(keep=keep, duplicate=duplicate)
        if refusal:
            raise MergeError(refusal)
        owners = {owner.pk: owner for owner in (keep.owner, duplicate.owner) if owner is not None}
        duplicate_name = duplicate.name
        _fill_from(keep, duplicate)
        keep.save()
        keep.roles.add(*duplicate.roles.all())
        keep.categories.add(*duplicate.categories.all())
        keep.tags.add(*duplicate.tags.all())

        known_urls = set(keep.marketplace_shops.values_list("url", flat=True))
        duplicate.marketplace_shops.filter(url__in=known_urls).delete()
        duplicate.marketplace_shops.update(business=keep)
        # The duplicate's photos and products follow the kept ones.
        for rows in (BusinessPhoto.objects, Product.objects):
            last = rows.filter(business=keep).aggregate(last=Max("order"))["last"]
            rows.filter(business=duplicate).update(business=keep, order=F("order") + (last or 0) + 1)

        now = timezone.now()
        with in_language_of(duplicate.owner):
            merged_reason = gettext("This listing was merged into “%(name)s”.") % {"name": keep.name}
        # A change proposed to the duplicate's values means nothing for the kept listing.
        for change in duplicate.changes.filter(status=BusinessChange.Status.PENDING):
            discard_proposed_logo(change.data.get("logo"))
        duplicate.changes.filter(status=BusinessChange.Status.PENDING).update(
            status=BusinessChange.Status.REJECTED, reason=merged_reason, decided_by=moderator, decided_at=now
        )
        duplicate.changes.update(business=keep)
        for claim in duplicate.claims.filter(status=ClaimStatus.PENDING).select_related("claimant"):
            twin = keep.claims.filter(status=ClaimStatus.PENDING, claimant=claim.claimant_id).exists()
            if keep.owner_id or twin:
                with in_language_of(claim.claimant):
                    reason = gettext("This listing was merged into “%(name)s”.") % {"name": keep.name}
                claim_decide(claim, status=ClaimStatus.REJECTED, moderator=moderator, reason=reason, now=now)
        duplicate.claims.update(business=keep)
        # Anything else that belongs to a business (its moderation record
        # included) moves as it is, so a table added later is not forgotten.
        # Certificates too (the union of certifications), each kind once.
        for relation in rows_of(Business, MERGE_SPECIAL_RELATIONS):
            move_rows(relation, duplicate, keep)
        # The duplicate's address (and those merged into it before) lead here.
        MergedSlug.objects.update_or_create(slug=duplicate.slug, defaults={"business": keep})
        log_moderation(
            business=keep,
            moderator=moderator,
            action=ModerationLog.Action.MERGED,
            reason=gettext("Merged with the duplicate “%(name)s” (#%(pk)d, %(slug)s), which was deleted.")
            % {"name": duplicate.name, "pk": duplicate.pk, "slug": duplicate.slug},
        )
        duplicate.delete()
        for owner in owners.values():
            merge_mail(owner=owner, keep=keep, duplicate_name=duplicate_name)
    refresh_search_index([keep.pk])
    partners_changed([keep.pk])
    public_data_changed()
    return keep


def merge_mail(*, owner: User, keep: Business, duplicate_name: str) -> None:
    """Tells an owner of a merged listing, in their language and once the
    merge is committed, which listing was kept and where to find it."""
    if not owner.email:
        return
    with in_language_of(owner):
        context = {
            "user": owner,
            "kept_name": keep.name,
            "duplicate_name": duplicate_name,
            # In the owner's language: /en/ for English.
            "listing_url": settings.SITE_URL + keep.get_absolute_url(),
            "dashboard_url": settings.SITE_URL + reverse("dashboard:home"),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + gettext("%(name)s and a duplicate are now one listing") % {
            "name": " ".join(keep.name.split())
        }
        body = render_to_string("stewardship/email/merged_message.txt", context)
    message = EmailMessage(subject, body, to=[owner.email])
    transaction.on_commit(lambda: send_or_log(message, f"the merge into {keep.name}"))


def duplicate_dismiss(*, first: Business, second: Business, moderator: User) -> DuplicateDismissal:
    """Records that `first` and `second` are two businesses, not one; the
    duplicates view stops pairing them."""
    if first.pk == second.pk:
        raise MergeError(gettext("A business cannot be merged into itself."))
    first, second = sorted([first, second], key=lambda business: business.pk)
    dismissal, _created = DuplicateDismissal.objects.get_or_create(
        first=first, second=second, defaults={"dismissed_by": moderator}
    )
    return dismissal
