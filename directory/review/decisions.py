"""Moderation decisions as named functions: approve, reject or ask for changes
to a listing, verify, feature, suspend and restore it, decide on an owner's
change or remove a photo. Each is logged and mailed to the owner in their
language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.connect.ranked_partners import partners_changed
from directory.errors import ServiceError
from directory.listings.editing import MANY_TO_MANY, SCALAR_FIELDS, discard_proposed_logo
from directory.listings.history import Action, BusinessChange, ModerationLog, log_moderation
from directory.listings.models import Business, BusinessPhoto, MarketplaceShop
from directory.mail import in_language_of, send_or_log
from directory.messaging import notify_by_phone
from directory.review.shown import business_label, business_shown, change_shown, label_of, photo_shown
from directory.search.index import refresh_search_index
from directory.seen import refuse_if_changed


class ModerationError(ServiceError):
    pass


# The subject of the email that tells the owner (or claimant) of a decision.
MAIL_SUBJECTS = {
    Action.APPROVED: _("Your listing %(name)s is published"),
    Action.REJECTED: _("Your listing %(name)s was not published"),
    Action.CHANGES_REQUESTED: _("BPIPI asks you to update %(name)s"),
    Action.VERIFIED: _("%(name)s is now verified by BPIPI"),
    Action.UNVERIFIED: _("%(name)s is no longer marked as verified by BPIPI"),
    Action.FEATURED: _("%(name)s is now featured by BPIPI"),
    Action.UNFEATURED: _("%(name)s is no longer featured"),
    Action.SUSPENDED: _("Your listing %(name)s is suspended"),
    Action.RESTORED: _("Your listing %(name)s is public again"),
    Action.CHANGE_APPROVED: _("Your changes to %(name)s are published"),
    Action.CHANGE_REJECTED: _("Your changes to %(name)s were not published"),
    Action.CLAIM_APPROVED: _("You now manage %(name)s on IFN"),
    Action.CLAIM_REJECTED: _("Your claim for %(name)s was not approved"),
    Action.PHOTO_REJECTED: _("A photo of %(name)s was removed"),
}


def moderation_mail(*, user: User | None, business_name: str, action: str, reason: str = "") -> None:
    """Tells `user` of a decision in the language they chose, once the
    decision is committed: a rolled-back decision sends nothing."""
    if user is None:
        return
    if not user.email:
        # An account made with a WhatsApp number hears of it there, if it can.
        with in_language_of(user):
            subject = MAIL_SUBJECTS[action] % {"name": business_name}
            text = f"IFN: {subject}. {settings.SITE_URL}{reverse('dashboard:home')}"
        transaction.on_commit(lambda: notify_by_phone(user=user, text=text))
        return
    context = {"user": user, "business_name": business_name, "action": action, "reason": reason}
    with in_language_of(user):
        context["dashboard_url"] = settings.SITE_URL + reverse("dashboard:home")
        # One header line: an imported name may hold a line break.
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + MAIL_SUBJECTS[action] % {
            "name": " ".join(business_name.split())
        }
        body = render_to_string("review/email/moderation_message.txt", context)
    message = EmailMessage(subject, body, to=[user.email])
    transaction.on_commit(lambda: send_or_log(message, f"{action} on {business_name}"))


def record_decision(
    *, business: Business, moderator: User | None, action: str, reason: str = "", tell: User | None
) -> ModerationLog:
    """Logs a decision and tells the person it concerns (`tell`, usually the owner)."""
    entry = log_moderation(business=business, moderator=moderator, action=action, reason=reason)
    moderation_mail(user=tell, business_name=business.name, action=action, reason=reason)
    return entry


def _lock_change(change: BusinessChange, seen: dict | None) -> BusinessChange:
    """The change as stored now, locked: the owner may have edited it since
    the page was shown (`seen`), or staff decided it meanwhile."""
    change = BusinessChange.objects.select_for_update(of=("self",)).select_related("business__owner").get(pk=change.pk)
    if change.status != BusinessChange.Status.PENDING:
        raise ModerationError(gettext("This change has already been decided."))
    refuse_if_changed(change, seen, change_shown(change), business_label)
    return change


def change_approve(*, change: BusinessChange, moderator: User, seen: dict | None = None) -> Business:
    """Applies a waiting change to its business: the public sees it now,
    exactly as the moderator was shown it (`seen`, see directory.seen)."""
    with transaction.atomic():
        change = _lock_change(change, seen)
        business = change.business
        data = change.data
        for name in SCALAR_FIELDS:
            if name in data and name != "logo":
                setattr(business, Business._meta.get_field(name).attname, data[name])
        if "logo" in data:
            logo = data["logo"] or {"name": "", "width": None, "height": None, "widths": []}
            business.logo = logo["name"]
            business.logo_width, business.logo_height, business.logo_widths = (
                logo["width"],
                logo["height"],
                logo["widths"],
            )
        business.full_clean(exclude=["slug", "logo"])
        business.save()
        for name, model in MANY_TO_MANY.items():
            if name in data:
                getattr(business, name).set(model.objects.filter(pk__in=data[name]))
        if "tags" in data:
            business.tags.set(data["tags"], clear=True)
        if "shops" in data:
            business.marketplace_shops.all().delete()
            MarketplaceShop.objects.bulk_create(MarketplaceShop(business=business, **shop) for shop in data["shops"])
        change.status = BusinessChange.Status.APPROVED
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.save()
        record_decision(business=business, moderator=moderator, action=Action.CHANGE_APPROVED, tell=business.owner)
    refresh_search_index([business.pk])
    partners_changed([business.pk])
    public_data_changed()
    return business


def change_reject(*, change: BusinessChange, moderator: User, reason: str, seen: dict | None = None) -> BusinessChange:
    """Turns a change down with a reason the owner reads on the dashboard; the
    published listing stays as it is."""
    if not reason.strip():
        raise ValidationError(_("Give the owner a reason for the rejection."), code="reason_required")
    with transaction.atomic():
        change = _lock_change(change, seen)
        discard_proposed_logo(change.data.get("logo"))
        change.status = BusinessChange.Status.REJECTED
        change.reason = reason.strip()
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.save()
        business = change.business
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.CHANGE_REJECTED,
            reason=change.reason,
            tell=business.owner,
        )
    return change


# Decisions on a listing ------------------------------------------------------------
#
# Each one locks the business, checks it is in a state the decision fits,
# logs it and emails the owner. "Request changes" sends a listing waiting for
# review back to its owner as rejected with the moderator's request as the
# reason (the dashboard shows it and lets the owner correct and submit
# again); on a published listing it only tells the owner, who edits it
# through a change as usual, and the listing stays public.

MODERATED_FIELDS = ["status", "rejection_reason", "verified", "featured", "published_at"]


def _lock(business: Business) -> None:
    """Locks the business row and reloads what decisions read, so two staff
    deciding at once act on what the other decided."""
    row = Business.objects.select_for_update().values(*MODERATED_FIELDS).get(pk=business.pk)
    for name, value in row.items():
        setattr(business, name, value)


def _as_seen(business: Business, seen: dict | None) -> None:
    refuse_if_changed(business, seen, business_shown(business), business_label)


def _required(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the owner a reason."), code="reason_required")
    return reason


def _refuse_unless(business: Business, *statuses: str) -> None:
    if business.status not in statuses:
        raise ModerationError(
            gettext("%(name)s is %(status)s: this action does not apply to it.")
            % {"name": business.name, "status": business.get_status_display().lower()}
        )


def _published_data_changed(business: Business, *, withdraws: bool = True) -> None:
    refresh_search_index([business.pk])
    partners_changed([business.pk])
    public_data_changed(withdraws=withdraws)


def business_approve(*, business: Business, moderator: User, seen: dict | None = None) -> Business:
    """Publishes a listing that was waiting for review, as the moderator was
    shown it (`seen`)."""
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING)
        _as_seen(business, seen)
        business.status = Business.Status.PUBLISHED
        business.rejection_reason = ""
        business.published_at = business.published_at or timezone.now()
        business.save(update_fields=["status", "rejection_reason", "published_at", "updated_at"])
        record_decision(business=business, moderator=moderator, action=Action.APPROVED, tell=business.owner)
    # Nothing was public before: the pages from before may stand in.
    _published_data_changed(business, withdraws=False)
    return business


def business_reject(*, business: Business, moderator: User, reason: str, seen: dict | None = None) -> Business:
    """Turns down a listing waiting for review; the owner reads the reason on
    the dashboard and may correct the listing and submit it again."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING)
        _as_seen(business, seen)
        business.status = Business.Status.REJECTED
        business.rejection_reason = reason
        business.save(update_fields=["status", "rejection_reason", "updated_at"])
        record_decision(
            business=business, moderator=moderator, action=Action.REJECTED, reason=reason, tell=business.owner
        )
    refresh_search_index([business.pk])
    return business


def business_request_changes(*, business: Business, moderator: User, reason: str, seen: dict | None = None) -> Business:
    """Asks the owner to correct the listing (see the note above)."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PENDING, Business.Status.PUBLISHED)
        _as_seen(business, seen)
        if business.status == Business.Status.PENDING:
            business.status = Business.Status.REJECTED
            business.rejection_reason = reason
            business.save(update_fields=["status", "rejection_reason", "updated_at"])
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.CHANGES_REQUESTED,
            reason=reason,
            tell=business.owner,
        )
    refresh_search_index([business.pk])
    return business


def _set_flag(
    *, business: Business, moderator: User, name: str, value: bool, action: str, already: str, also=None
) -> Business:
    """Sets one flag, with `also` (other fields) written in the same save."""
    with transaction.atomic():
        _lock(business)
        if getattr(business, name) == value:
            raise ModerationError(already % {"name": business.name})
        setattr(business, name, value)
        for field, field_value in (also or {}).items():
            setattr(business, field, field_value)
        business.save(update_fields=[name, *(also or {}), "updated_at"])
        record_decision(business=business, moderator=moderator, action=action, tell=business.owner)
    _published_data_changed(business)
    return business


def business_verify(*, business: Business, moderator: User, method: str = "", checked_on=None) -> Business:
    """Staff have checked that the business exists; the profile tells how
    (`method`, a VerificationMethod) and when."""
    return _set_flag(
        business=business,
        moderator=moderator,
        name="verified",
        value=True,
        action=Action.VERIFIED,
        already=gettext("%(name)s is already verified."),
        also={"verification_method": method, "verified_on": checked_on or timezone.localdate()},
    )


def business_unverify(*, business: Business, moderator: User) -> Business:
    return _set_flag(
        business=business,
        moderator=moderator,
        name="verified",
        value=False,
        action=Action.UNVERIFIED,
        already=gettext("%(name)s is not verified."),
    )


def business_feature(*, business: Business, moderator: User) -> Business:
    """Chosen for promotion (Indonesia Local Select)."""
    return _set_flag(
        business=business,
        moderator=moderator,
        name="featured",
        value=True,
        action=Action.FEATURED,
        already=gettext("%(name)s is already featured."),
    )


def business_unfeature(*, business: Business, moderator: User) -> Business:
    return _set_flag(
        business=business,
        moderator=moderator,
        name="featured",
        value=False,
        action=Action.UNFEATURED,
        already=gettext("%(name)s is not featured."),
    )


def business_suspend(*, business: Business, moderator: User, reason: str) -> Business:
    """Takes a published listing off the public pages until staff restore it."""
    reason = _required(reason)
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.PUBLISHED)
        business.status = Business.Status.SUSPENDED
        business.save(update_fields=["status", "updated_at"])
        record_decision(
            business=business, moderator=moderator, action=Action.SUSPENDED, reason=reason, tell=business.owner
        )
    _published_data_changed(business)
    return business


def business_restore(*, business: Business, moderator: User) -> Business:
    """Shows a suspended listing to the public again."""
    with transaction.atomic():
        _lock(business)
        _refuse_unless(business, Business.Status.SUSPENDED)
        business.status = Business.Status.PUBLISHED
        business.save(update_fields=["status", "updated_at"])
        record_decision(business=business, moderator=moderator, action=Action.RESTORED, tell=business.owner)
    _published_data_changed(business, withdraws=False)
    return business


def _lock_photo(photo: BusinessPhoto, seen: dict | None) -> BusinessPhoto:
    locked = BusinessPhoto.objects.select_for_update(of=("self",)).select_related("business__owner")
    fresh = locked.filter(pk=photo.pk).first()
    if fresh is None:
        raise ModerationError(gettext("%(name)s: the owner has deleted this photo.") % {"name": photo})
    refuse_if_changed(fresh, seen, photo_shown(fresh), label_of(BusinessPhoto))
    return fresh


def photo_approve(*, photo: BusinessPhoto, moderator: User, seen: dict | None = None) -> BusinessPhoto:
    """Shows a photo waiting for review to the public, as the moderator saw it."""
    with transaction.atomic():
        photo = _lock_photo(photo, seen)
        if not photo.pending_review:
            raise ModerationError(gettext("%(name)s is already shown to the public.") % {"name": photo})
        photo.pending_review = False
        photo.save(update_fields=["pending_review"])
    public_data_changed(withdraws=False)
    return photo


def photo_reject(*, photo: BusinessPhoto, moderator: User, reason: str, seen: dict | None = None) -> None:
    """Staff remove a photo they will not show, waiting for review or already
    public: the decision is logged on the business and the owner is told why
    by email. The photo itself is deleted; the owner may add another."""
    reason = reason.strip()
    if not reason:
        raise ModerationError(gettext("Give the owner a reason."))
    with transaction.atomic():
        photo = _lock_photo(photo, seen)
        business = photo.business
        was_public = not photo.pending_review and business.is_published
        record_decision(
            business=business,
            moderator=moderator,
            action=Action.PHOTO_REJECTED,
            reason=f"{photo.alt_text}: {reason}",
            tell=business.owner,
        )
        photo.delete()  # the image field deletes its files once this commits
    if was_public:
        public_data_changed()
