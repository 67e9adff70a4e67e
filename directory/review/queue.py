"""The review queue in the admin: every new listing, change, claim, photo,
collaboration post and confirmed sourcing request waiting for a decision,
oldest first."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, F, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.connect.models import CollaborationPost, PostStatus
from directory.listings.history import BusinessChange, ModerationLog
from directory.listings.models import Business, BusinessPhoto
from directory.listings.steps import field_label
from directory.review.models import BusinessClaim

# The review queue lists at most this many items of each kind; a longer queue
# is worked through from its oldest end anyway.
QUEUE_LIMIT = 200


# The review queue ----------------------------------------------------------------------


@dataclass
class QueueItem:
    KINDS = ("listing", "change", "photo", "claim", "post", "request")

    kind: str
    label: str
    business: str
    person: str
    summary: str
    since: datetime.datetime
    url: str
    count: int = 1  # photos come as one item per business
    business_id: int | None = None
    obj: object = None  # what is decided: a business, change, claim or post
    details: object = None  # what the row shows to decide by (review.queue_rows)

    @property
    def age(self) -> str:
        return timesince(self.since, timezone.now(), depth=1)


def pending_listings():
    """Listings waiting for staff, oldest first, each with `waiting_since`:
    when it was last submitted (an edit while waiting does not send it to the
    back of the queue), else when it was created (an import)."""
    submitted = ModerationLog.objects.filter(business=OuterRef("pk"), action=ModerationLog.Action.SUBMITTED).order_by(
        "-created_at"
    )
    return (
        Business.objects.filter(status=Business.Status.PENDING)
        .annotate(waiting_since=Coalesce(Subquery(submitted.values("created_at")[:1]), F("created_at")))
        .order_by("waiting_since")
    )


def waiting(kind: str, *, province: str = "", sentra: int | None = None) -> QuerySet:
    """Everything of one kind waiting for staff, of businesses in `province`
    and `sentra` when given: what the queue lists and what its counts count."""
    queryset = {
        "listing": Business.objects.filter(status=Business.Status.PENDING),
        "change": BusinessChange.objects.filter(status=BusinessChange.Status.PENDING),
        "photo": BusinessPhoto.objects.filter(pending_review=True),
        "claim": BusinessClaim.objects.filter(status=BusinessClaim.Status.PENDING),
        "post": CollaborationPost.objects.filter(status=PostStatus.PENDING),
        # Sourcing, a package above this one, through the app registry.
        "request": apps.get_model("directory", "SourcingRequest").objects.filter(status="pending"),
    }[kind]
    if kind == "request":
        # A buyer's request belongs to no place in Indonesia.
        return queryset.none() if province or sentra else queryset
    return in_place(queryset, province=province, sentra=sentra)


def in_place(queryset: QuerySet, *, province: str = "", sentra: int | None = None) -> QuerySet:
    """Rows of businesses (or businesses) in `province` and `sentra`, when given."""
    business = "" if queryset.model is Business else "business__"
    if province:
        queryset = queryset.filter(**{f"{business}province": province})
    if sentra:
        queryset = queryset.filter(**{f"{business}sentra": sentra})
    return queryset


def review_queue(
    *, kinds: tuple[str, ...] = QueueItem.KINDS, province: str = "", sentra: int | None = None
) -> list[QueueItem]:
    """New listings, owners' changes, photos added to published listings,
    claims and collaboration posts waiting for staff, oldest first, in one
    query per kind in `kinds`, of businesses in `province` and `sentra`."""
    where = {"province": province, "sentra": sentra}
    listings = (
        in_place(pending_listings(), **where)
        .select_related("owner")
        .only("name", "created_at", "owner__email", "owner__name")[:QUEUE_LIMIT]
    )
    changes = (
        waiting("change", **where)
        .select_related("business", "submitted_by")
        .only("data", "created_at", "business__name", "submitted_by__email", "submitted_by__name")
        .order_by("created_at")[:QUEUE_LIMIT]
    )
    claims = (
        waiting("claim", **where)
        .select_related("business", "claimant")
        .only(
            "position", "phone", "note", "document", "created_at", "business__name", "claimant__email", "claimant__name"
        )
        .order_by("created_at")[:QUEUE_LIMIT]
    )
    # Photos are decided on the photo list, a business's waiting photos at once.
    photos = (
        waiting("photo", **where)
        .values("business_id", "business__name", "business__owner__email")
        .annotate(count=Count("id"), since=Min("created_at"))
        .order_by("since")[:QUEUE_LIMIT]
    )
    posts = (
        waiting("post", **where)
        .select_related("business__owner")
        .only(
            "kind",
            "title",
            "title_en",
            "description",
            "description_en",
            "created_at",
            "submitted_at",
            "business__name",
            "business__owner__email",
        )
        .order_by(Coalesce("submitted_at", "created_at"))[:QUEUE_LIMIT]
    )
    requests = (
        waiting("request", **where)
        .select_related("category")
        .only("title", "email", "quantity", "confirmed_at", "created_at", "category__name", "category__name_en")
        .order_by("confirmed_at", "id")[:QUEUE_LIMIT]
    )
    photo_list = reverse("admin:directory_businessphoto_changelist")
    items = [
        QueueItem(
            kind="listing",
            label=_("New listing"),
            business=business.name,
            person=str(business.owner or "—"),
            summary="",
            since=business.waiting_since,
            url=reverse("admin:directory_business_change", args=[business.pk]),
            business_id=business.pk,
            obj=business,
        )
        for business in (listings if "listing" in kinds else [])
    ]
    items += [
        QueueItem(
            kind="change",
            label=capfirst(BusinessChange._meta.verbose_name),
            business=change.business.name,
            person=str(change.submitted_by or "—"),
            summary=", ".join(str(field_label(name)) for name in change.data),
            since=change.created_at,
            url=reverse("admin:directory_businesschange_change", args=[change.pk]),
            business_id=change.business_id,
            obj=change,
        )
        for change in (changes if "change" in kinds else [])
    ]
    items += [
        QueueItem(
            kind="photo",
            label=capfirst(BusinessPhoto._meta.verbose_name_plural),
            business=row["business__name"],
            person=row["business__owner__email"] or "—",
            summary=ngettext("%d photo", "%d photos", row["count"]) % row["count"],
            since=row["since"],
            url=f"{photo_list}?{urlencode({'pending_review__exact': 1, 'q': row['business__name']})}",
            count=row["count"],
            business_id=row["business_id"],
        )
        for row in (photos if "photo" in kinds else [])
    ]
    items += [
        QueueItem(
            kind="claim",
            label=capfirst(BusinessClaim._meta.verbose_name),
            business=claim.business.name,
            person=str(claim.claimant or "—"),
            summary=claim.position,
            since=claim.created_at,
            url=reverse("admin:directory_businessclaim_change", args=[claim.pk]),
            business_id=claim.business_id,
            obj=claim,
        )
        for claim in (claims if "claim" in kinds else [])
    ]
    items += [
        QueueItem(
            kind="post",
            label=capfirst(CollaborationPost._meta.verbose_name),
            business=post.business.name,
            person=str(post.business.owner or "—"),
            summary=post.title,
            since=post.submitted_at or post.created_at,
            url=reverse("admin:directory_collaborationpost_change", args=[post.pk]),
            business_id=post.business_id,
            obj=post,
        )
        for post in (posts if "post" in kinds else [])
    ]
    items += [
        QueueItem(
            kind="request",
            label=capfirst(apps.get_model("directory", "SourcingRequest")._meta.verbose_name),
            business=sourcing.title,
            person=sourcing.email,
            summary=ngettext("%(category)s, %(count)d pair", "%(category)s, %(count)d pairs", sourcing.quantity)
            % {"category": sourcing.category.display_name, "count": sourcing.quantity},
            since=sourcing.confirmed_at or sourcing.created_at,
            url=reverse("admin:directory_sourcingrequest_change", args=[sourcing.pk]),
            obj=sourcing,
        )
        for sourcing in (requests if "request" in kinds else [])
    ]
    return sorted(items, key=lambda item: item.since)
