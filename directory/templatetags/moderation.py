"""The size of the review queue, for the admin's front page."""

from django import template

from directory.connect.models import CollaborationPost, PostStatus
from directory.listings.history import BusinessChange
from directory.listings.models import Business, BusinessPhoto
from directory.review.models import BusinessClaim
from directory.sourcing.models import RequestStatus, SourcingRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context) -> dict | None:
    """How many new listings, changes, photos, claims, posts and buyers'
    requests wait for staff; None for staff who may not moderate."""
    if not context["request"].user.has_perm("directory.view_business"):
        return None
    return {
        "listing": Business.objects.filter(status=Business.Status.PENDING).count(),
        "change": BusinessChange.objects.filter(status=BusinessChange.Status.PENDING).count(),
        "photo": BusinessPhoto.objects.filter(pending_review=True).count(),
        "claim": BusinessClaim.objects.filter(status=BusinessClaim.Status.PENDING).count(),
        "post": CollaborationPost.objects.filter(status=PostStatus.PENDING).count(),
        "request": SourcingRequest.objects.filter(status=RequestStatus.PENDING).count(),
    }
