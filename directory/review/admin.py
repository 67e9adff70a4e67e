"""The admin of what staff decide on: claims, owners' changes, photos, and the
moderation log."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.caching import public_data_changed
from directory.listings.admin import image_preview
from directory.listings.history import BusinessChange, ModerationLog
from directory.listings.models import BusinessPhoto
from directory.review import claim_views, claims, decisions
from directory.review.actions import (
    BusinessChangeModerationMixin,
    admin_action,
    ask_for_reason,
    decision_buttons,
    next_page,
    safe_next,
)
from directory.review.forms import ClaimRejectionForm
from directory.review.models import BusinessClaim


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
    subject = "photo"  # what ask_for_reason calls the row it decides on

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)

    @admin.action(description=_("Show the selected photos to the public"), permissions=["change"])
    def approve_photos(self, request, queryset):
        count = queryset.filter(pending_review=True).update(pending_review=False)
        public_data_changed()
        self.message_user(request, ngettext("%d photo approved.", "%d photos approved.", count) % count)

    @admin_action(description=_("Remove the selected photos, with a reason for the owners"))
    def reject_photos(self, request, queryset):
        """First a page that asks for the reason, then the removal: each owner
        is told by email, and the business's record keeps the decision."""
        return ask_for_reason(
            self,
            request,
            queryset.select_related("business__owner").order_by("business__name", "order"),
            action="reject_photos",
            title=_("Remove photos"),
            button=_("Remove the photos"),
            decide=decisions.photo_reject,
            done=lambda count: ngettext("%d photo removed.", "%d photos removed.", count) % count,
            template="admin/directory/businessphoto/reject.html",
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

    @admin.action(description=_("Approve the selected claims (the claimant becomes the owner)"), permissions=["change"])
    def approve_claims(self, request, queryset):
        approved = 0
        for claim in queryset.filter(status=BusinessClaim.Status.PENDING).order_by("created_at"):
            try:
                claims.claim_approve(claim=claim, moderator=request.user)
            except claims.ClaimError as error:
                self.message_user(request, f"{claim.business}: {error}", messages.WARNING)
            else:
                approved += 1
        self.message_user(request, ngettext("%d claim approved.", "%d claims approved.", approved) % approved)
        return next_page(request)

    @admin.action(description=_("Reject the selected claims with a reason"), permissions=["change"])
    def reject_claims(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        pending = queryset.filter(status=BusinessClaim.Status.PENDING).select_related("business", "claimant")
        form = ClaimRejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            rejected = 0
            for claim in pending:
                try:
                    claims.claim_reject(claim=claim, moderator=request.user, reason=form.cleaned_data["reason"])
                except claims.ClaimError as error:
                    self.message_user(request, f"{claim.business}: {error}", messages.WARNING)
                else:
                    rejected += 1
            self.message_user(request, ngettext("%d claim rejected.", "%d claims rejected.", rejected) % rejected)
            return next_page(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject claims"),
            "opts": self.model._meta,
            "claims": pending,
            "form": form,
            "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "next": safe_next(request),
        }
        return TemplateResponse(request, "admin/directory/businessclaim/reject.html", context)

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
