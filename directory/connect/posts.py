"""Collaboration posts, as named functions: an owner writes what their
business seeks or offers, staff approve or reject it, the owner hears about
it by email in their language.

A post is moderated like a listing: only an approved post of a published
business is public, and an owner's edit of a published post takes it off
the public pages until staff have read it again. Nothing here reads a
request.
"""

import logging
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.connect.models import CollaborationPost, PostStatus
from directory.connect.ranked_partners import partners_changed
from directory.errors import ServiceError
from directory.listings.history import ModerationLog, log_moderation
from directory.listings.models import Business
from directory.seen import model_label, refuse_if_changed

logger = logging.getLogger(__name__)


class PostError(ServiceError):
    pass


def can_post(business: Business) -> bool:
    """Only a business the public can see may tell the public what it seeks."""
    return business.is_published


def post_save(
    *,
    business: Business,
    user: User,
    kind: str,
    title: str,
    description: str,
    until,
    title_en: str = "",
    description_en: str = "",
    categories=(),
    post: CollaborationPost | None = None,
    submit: bool,
) -> CollaborationPost:
    """Creates or updates the owner's post, as a draft or sent for review
    (`submit`). A published post that is edited leaves the public pages
    until staff approve it again: nobody reviewed the new words."""
    if business.owner_id != user.pk:
        raise PermissionError("Only the owner writes a business's posts.")
    if not can_post(business):
        raise PostError(gettext("Your listing must be published before you can post what you seek or offer."))
    if post is not None and post.business_id != business.pk:
        raise PermissionError("This post belongs to another business.")
    was_public = post is not None and post.status == PostStatus.PUBLISHED
    post = post or CollaborationPost(business=business)
    post.kind, post.title, post.description, post.until = kind, title.strip(), description.strip(), until
    post.title_en, post.description_en = title_en.strip(), description_en.strip()
    post.status = PostStatus.PENDING if submit else PostStatus.DRAFT
    post.rejection_reason = ""
    post.submitted_at = timezone.now() if submit else None
    with transaction.atomic():
        post.save()
        post.categories.set(categories)
    if was_public:
        partners_changed([business.pk])
        public_data_changed()
    return post


def post_delete(*, post: CollaborationPost, user: User) -> None:
    if post.business.owner_id != user.pk:
        raise PermissionError("Only the owner deletes a business's posts.")
    was_public = post.status == PostStatus.PUBLISHED
    post.delete()
    if was_public:
        partners_changed([post.business_id])
        public_data_changed()


def post_shown(post: CollaborationPost) -> dict:
    """What staff are shown of a post; its owner may edit it while they read."""
    return {
        "kind": post.kind,
        "title": post.title,
        "title_en": post.title_en,
        "description": post.description,
        "description_en": post.description_en,
        "until": post.until.isoformat(),
        "categories": sorted(post.categories.values_list("pk", flat=True)),
        "status": post.status,
    }


def post_approve(
    *, post: CollaborationPost, moderator: User, base_url: str = "", seen: dict | None = None
) -> CollaborationPost:
    """The post goes public (until its date), as the moderator was shown it
    (`seen`), and its owner is told. `base_url` (https://host) makes the
    email's links absolute."""
    with transaction.atomic():
        post = (
            CollaborationPost.objects.select_for_update(of=("self",)).select_related("business__owner").get(pk=post.pk)
        )
        if post.status != PostStatus.PENDING:
            raise PostError(gettext("Only a post waiting for review can be approved."))
        refuse_if_changed(post, seen, post_shown(post), model_label(CollaborationPost))
        post.status = PostStatus.PUBLISHED
        post.published_at = timezone.now()
        post.rejection_reason = ""
        post.save(update_fields=["status", "published_at", "rejection_reason", "updated_at"])
        log_moderation(
            business=post.business, moderator=moderator, action=ModerationLog.Action.POST_APPROVED, reason=post.title
        )
        transaction.on_commit(lambda: notify_owner(post, "approved", base_url))
    partners_changed([post.business_id])
    public_data_changed()
    return post


def post_reject(
    *, post: CollaborationPost, moderator: User, reason: str, base_url: str = "", seen: dict | None = None
) -> CollaborationPost:
    """Turns a waiting or published post down with a reason the owner reads
    in the email and on the dashboard."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the owner a reason for the rejection."), code="reason_required")
    with transaction.atomic():
        post = (
            CollaborationPost.objects.select_for_update(of=("self",)).select_related("business__owner").get(pk=post.pk)
        )
        if post.status not in (PostStatus.PENDING, PostStatus.PUBLISHED):
            raise PostError(gettext("Only a post waiting for review or published can be rejected."))
        refuse_if_changed(post, seen, post_shown(post), model_label(CollaborationPost))
        was_public = post.status == PostStatus.PUBLISHED
        post.status = PostStatus.REJECTED
        post.rejection_reason = reason
        post.save(update_fields=["status", "rejection_reason", "updated_at"])
        log_moderation(
            business=post.business,
            moderator=moderator,
            action=ModerationLog.Action.POST_REJECTED,
            reason=f"{post.title}: {reason}",
        )
        transaction.on_commit(lambda: notify_owner(post, "rejected", base_url))
    if was_public:
        partners_changed([post.business_id])
        public_data_changed()
    return post


def notify_owner(post: CollaborationPost, decision: str, base_url: str = "") -> bool:
    """Emails the owner staff's decision in the owner's language. The
    decision stands when the mail server is down: the dashboard shows it too,
    so a failure is logged rather than undoing the moderator's work."""
    owner = post.business.owner
    if owner is None or not owner.email:
        return False
    with translation.override(owner.language):
        context = {
            "post": post,
            "owner": owner,
            "dashboard_url": base_url + reverse("dashboard:posts", args=[post.business_id]),
            "post_url": base_url + post.get_absolute_url(),
        }
        # One header line, whatever line breaks a crafted title carries.
        subject = " ".join(render_to_string(f"connect/email/post_{decision}_subject.txt", context).split())
        body = render_to_string(f"connect/email/post_{decision}_message.txt", context)
    try:
        send_mail(subject, body, None, [owner.email])
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not email the owner of post %s about its %s.", post.pk, decision, exc_info=True)
        return False
    return True
