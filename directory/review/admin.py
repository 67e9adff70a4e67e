"""The admin of what staff decide on: claims, owners' changes, photos,
collaboration posts, and the moderation log."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.caching import public_data_changed
from directory.connect import posts
from directory.connect.forms import PostRejectionForm
from directory.connect.models import CollaborationPost
from directory.images import image_tag
from directory.listings.admin import image_preview
from directory.listings.history import BusinessChange, ModerationLog
from directory.listings.models import BusinessPhoto
from directory.markup import paragraphs
from directory.review import claim_views, claims, decisions
from directory.review.actions import BusinessChangeModerationMixin
from directory.review.deciding import ReasonForm, admin_action, decide_as_shown, decision_buttons
from directory.review.forms import ClaimRejectionForm
from directory.review.models import BusinessClaim
from directory.review.shown import claim_shown, photo_shown


class ModerationLogInline(admin.TabularInline):
    """The business's moderation record, newest first, read-only."""

    model = ModerationLog
    fields = ["created_at", "action", "moderator", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("moderation log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


@admin.register(BusinessPhoto)
class BusinessPhotoAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "business", "order", "pending_review", "width", "height", "created_at"]
    list_display_links = ["preview", "alt_text"]
    readonly_fields = ["preview"]
    list_select_related = ["business"]
    list_filter = ["pending_review"]
    search_fields = ["alt_text", "business__name"]
    autocomplete_fields = ["business"]
    actions = ["approve_photos", "reject_photos"]
    subject = "photo"  # what a decision calls the row it decides on
    shown = staticmethod(photo_shown)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)

    def decision_summary(self, photo: BusinessPhoto) -> str:
        waiting = _("waiting for review") if photo.pending_review else _("shown to the public")
        return format_html(
            "{} {} · {} · {}",
            image_tag(photo.image, sizes="160px", alt="", **{"class": "admin-thumb admin-thumb--large"}),
            photo.alt_text,
            photo.business,
            waiting,
        )

    @admin_action(description=_("Show the selected photos to the public"))
    def approve_photos(self, request, queryset):
        """First a page showing each photo as it is now, then the approval of
        exactly those."""
        return decide_as_shown(
            self,
            request,
            queryset.filter(pending_review=True).select_related("business").order_by("business__name", "order"),
            action="approve_photos",
            title=_("Show photos to the public"),
            button=_("Show the photos"),
            decide=decisions.photo_approve,
            done=lambda count: ngettext("%d photo approved.", "%d photos approved.", count) % count,
        )

    @admin_action(description=_("Remove the selected photos, with a reason for the owners"))
    def reject_photos(self, request, queryset):
        """First a page that asks for the reason, then the removal: each owner
        is told by email, and the business's record keeps the decision."""
        return decide_as_shown(
            self,
            request,
            queryset.select_related("business__owner").order_by("business__name", "order"),
            action="reject_photos",
            title=_("Remove photos"),
            button=_("Remove the photos"),
            decide=decisions.photo_reject,
            done=lambda count: ngettext("%d photo removed.", "%d photos removed.", count) % count,
            reason_form=ReasonForm,
            intro=_(
                "These photos will be deleted. Each owner receives the reason by email, "
                "and the business's moderation record keeps it."
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()


@admin.register(BusinessClaim)
class BusinessClaimAdmin(admin.ModelAdmin):
    """Staff read claims and their evidence here; deciding goes through the
    services, so the claimant becomes the owner and rival claims are closed."""

    list_display = ["business", "claimant", "position", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["business", "claimant", "decided_by"]
    search_fields = ["business__name", "claimant__email", "claimant__name", "phone"]
    date_hierarchy = "created_at"
    fields = [
        "business",
        "claimant",
        "position",
        "phone",
        "note",
        "document_link",
        "status",
        "reason",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["approve_claims", "reject_claims"]
    change_form_template = "admin/directory/moderated_change_form.html"
    subject = "claim"
    shown = staticmethod(claim_shown)

    # Claims come from claimants, and stay as the record of staff's decisions.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/dokumen/",
                self.admin_site.admin_view(claim_views.claim_document),
                name="directory_businessclaim_document",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("photo of a document"))
    def document_link(self, obj):
        if not obj.document:
            return "—"
        url = reverse("admin:directory_businessclaim_document", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the document"))

    def decision_summary(self, claim: BusinessClaim) -> str:
        return format_html(
            "<strong>{}</strong> · {} · {}{}",
            claim.business,
            claim.claimant or _("deleted account"),
            claim.position,
            paragraphs(claim.note),
        )

    @admin_action(description=_("Approve the selected claims (the claimant becomes the owner)"))
    def approve_claims(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=BusinessClaim.Status.PENDING)
            .select_related("business", "claimant")
            .order_by("created_at"),
            action="approve_claims",
            title=_("Approve claims"),
            button=_("Approve"),
            decide=claims.claim_approve,
            done=lambda count: ngettext("%d claim approved.", "%d claims approved.", count) % count,
        )

    @admin_action(description=_("Reject the selected claims with a reason"))
    def reject_claims(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=BusinessClaim.Status.PENDING).select_related("business", "claimant"),
            action="reject_claims",
            title=_("Reject claims"),
            button=_("Reject the claims"),
            decide=claims.claim_reject,
            done=lambda count: ngettext("%d claim rejected.", "%d claims rejected.", count) % count,
            reason_form=ClaimRejectionForm,
            intro=_("These claims will be rejected. Each claimant can read the reason."),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.is_pending:
            buttons = [("approve_claims", _("Approve")), ("reject_claims", _("Reject…"))]
            decision_buttons(self, request, context, obj, buttons, back_to_queue=True)
        # Nothing here is edited by hand: decisions are the buttons above.
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(BusinessChange)
class BusinessChangeAdmin(BusinessChangeModerationMixin, admin.ModelAdmin):
    """Owners' changes to published listings. Approving and rejecting go
    through review.decisions (change_approve, change_reject), never through
    this form, so the values are read-only here."""

    list_display = ["business", "status", "submitted_by", "updated_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["business", "submitted_by", "decided_by"]
    search_fields = ["business__name", "submitted_by__email"]
    fields = [
        "business",
        "differences",
        "submitted_by",
        "created_at",
        "updated_at",
        "status",
        "reason",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(CollaborationPost)
class CollaborationPostAdmin(admin.ModelAdmin):
    """Staff read posts here, oldest waiting first; approving and rejecting go
    through connect.posts, which logs the decision and emails the owner. The
    owner's words are read-only: staff reject with a reason rather than
    rewrite them."""

    list_display = ["title", "business", "kind", "status", "until", "submitted_at", "published_at"]
    list_filter = ["status", "kind", "categories"]
    list_select_related = ["business"]
    search_fields = ["title", "description", "business__name"]
    ordering = ["submitted_at", "id"]
    date_hierarchy = "created_at"
    fields = [
        "business",
        "kind",
        "title",
        "title_en",
        "categories",
        "description",
        "description_en",
        "until",
        "status",
        "rejection_reason",
        "created_at",
        "submitted_at",
        "published_at",
    ]
    readonly_fields = fields
    actions = ["approve_posts", "reject_posts"]
    change_form_template = "admin/directory/moderated_change_form.html"
    subject = "post"
    shown = staticmethod(posts.post_shown)

    # Posts come from owners, who also delete them.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @staticmethod
    def base_url(request) -> str:
        return request.build_absolute_uri("/").rstrip("/")

    def decision_summary(self, post: CollaborationPost) -> str:
        return format_html(
            "<strong>{}</strong> · {} · {} · {}{}",
            post.title,
            post.business,
            post.get_kind_display(),
            post.until,
            paragraphs(post.description),
        )

    @admin_action(description=_("Approve the selected posts (they become public)"))
    def approve_posts(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=CollaborationPost.Status.PENDING)
            .select_related("business__owner")
            .order_by("submitted_at", "id"),
            action="approve_posts",
            title=_("Approve collaboration posts"),
            button=_("Approve"),
            decide=posts.post_approve,
            done=lambda count: ngettext("%d post approved.", "%d posts approved.", count) % count,
            base_url=self.base_url(request),
        )

    @admin_action(description=_("Reject the selected posts with a reason"))
    def reject_posts(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        return decide_as_shown(
            self,
            request,
            queryset.filter(
                status__in=[CollaborationPost.Status.PENDING, CollaborationPost.Status.PUBLISHED]
            ).select_related("business__owner"),
            action="reject_posts",
            title=_("Reject collaboration posts"),
            button=_("Reject the posts"),
            decide=posts.post_reject,
            done=lambda count: ngettext("%d post rejected.", "%d posts rejected.", count) % count,
            reason_form=PostRejectionForm,
            intro=_("These posts will be rejected. Each owner receives the reason by email."),
            base_url=self.base_url(request),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status in (CollaborationPost.Status.PENDING, CollaborationPost.Status.PUBLISHED):
            buttons = [("reject_posts", _("Reject…"))]
            if obj.status == CollaborationPost.Status.PENDING:
                buttons.insert(0, ("approve_posts", _("Approve")))
            decision_buttons(self, request, context, obj, buttons, back_to_queue=True)
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    """Every decision, for reading only: nobody edits or deletes the record."""

    list_display = ["created_at", "business_name", "action", "moderator", "reason"]
    list_filter = ["action"]
    list_select_related = ["moderator"]
    search_fields = ["business_name", "moderator__email", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
