"""Staff's side of sourcing requests: the review (approve, reject with a
reason, each on what the moderator was shown), the invitations and quotes
for reading, the blocked addresses and domains, and the settings."""

from django import forms
from django.contrib import admin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.markup import paragraphs
from directory.review.deciding import admin_action, decide_as_shown, decision_buttons
from directory.sourcing import services
from directory.sourcing.matching import reason_text
from directory.sourcing.models import (
    BlockedSender,
    Invitation,
    Quote,
    RequestAttachment,
    RequestStatus,
    SourcingRequest,
    SourcingSettings,
)
from directory.sourcing.prices import price_text
from directory.sourcing.quantities import pairs_text
from directory.sourcing.views import private_file
from directory.taxonomy.models import ProductCategory


class RequestRejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the buyer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
    )


class AttachmentInline(admin.TabularInline):
    model = RequestAttachment
    fields = ["link"]
    readonly_fields = ["link"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def link(self, attachment):
        url = reverse("admin:directory_sourcingrequest_attachment", args=[attachment.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF") if attachment.is_pdf else _("Picture"))


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ["rank", "business", "why", "invited_at", "read_at", "answered_at", "declined_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("why it fits"))
    def why(self, invitation: Invitation) -> str:
        # The reasons as the supplier read them, in the admin's language.
        return reason_text(invitation.reasons) or "—"


class CategoryFilter(admin.SimpleListFilter):
    """The product categories requests use, named in the admin's language."""

    title = _("product category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        used = SourcingRequest.objects.values("category")
        return [(category.pk, category.display_name) for category in ProductCategory.objects.filter(pk__in=used)]

    def queryset(self, request, queryset):
        return queryset.filter(category_id=self.value()) if self.value() else queryset


def term_name(term) -> str:
    """A reference word (category, construction…) in the admin's language."""
    return term.display_name if term is not None else "—"


@admin.register(SourcingRequest)
class SourcingRequestAdmin(admin.ModelAdmin):
    """Confirmed requests wait here, oldest first; the buyer's words are
    read-only: staff reject with a reason rather than rewrite them."""

    list_display = [
        "title", "category_shown", "quantity_shown", "buyer_country", "email", "status", "created_at", "deadline"
    ]  # fmt: skip
    list_filter = ["status", CategoryFilter]
    list_select_related = ["category"]
    search_fields = ["title", "description", "email", "buyer_name", "buyer_company", "delivery_place", "buyer_country"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "category_shown",
        "construction_shown",
        "material_shown",
        "segment_shown",
        "quantity_shown",
        "size_from",
        "size_to",
        "target_price_shown",
        "currency",
        "delivery_place",
        "deadline",
        "description",
        "buyer_name",
        "buyer_company",
        "buyer_country",
        "email",
        "language",
        "status",
        "rejection_reason",
        "created_at",
        "confirmed_at",
        "approved_at",
        "closed_at",
        "decided_by",
    ]
    readonly_fields = fields
    inlines = [AttachmentInline, InvitationInline]
    actions = ["approve_requests", "reject_requests"]
    change_form_template = "admin/directory/moderated_change_form.html"
    subject = "request"
    shown = staticmethod(services.request_shown)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        return [
            path(
                "lampiran/<int:pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="directory_sourcingrequest_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        return private_file(get_object_or_404(RequestAttachment, pk=pk).file)

    def view_on_site(self, sourcing: SourcingRequest) -> str | None:
        # Only an open request has a public page.
        return sourcing.get_absolute_url() if sourcing.is_open else None

    @admin.display(description=_("product category"), ordering="category__name")
    def category_shown(self, sourcing: SourcingRequest) -> str:
        return term_name(sourcing.category)

    @admin.display(description=_("construction"))
    def construction_shown(self, sourcing: SourcingRequest) -> str:
        return term_name(sourcing.construction)

    @admin.display(description=_("material"))
    def material_shown(self, sourcing: SourcingRequest) -> str:
        return term_name(sourcing.material)

    @admin.display(description=_("kind of footwear"))
    def segment_shown(self, sourcing: SourcingRequest) -> str:
        return term_name(sourcing.segment)

    @admin.display(description=_("quantity in pairs"), ordering="quantity")
    def quantity_shown(self, sourcing: SourcingRequest) -> str:
        return pairs_text(sourcing.quantity)

    @admin.display(description=_("target price per pair"))
    def target_price_shown(self, sourcing: SourcingRequest) -> str:
        return price_text(sourcing.target_price, sourcing.currency) or "—"

    def decision_summary(self, sourcing: SourcingRequest) -> str:
        return format_html(
            "<strong>{}</strong> · {} · {} · {}{}",
            sourcing.title,
            term_name(sourcing.category),
            pairs_text(sourcing.quantity),
            sourcing.email,
            paragraphs(sourcing.description),
        )

    @admin_action(description=_("Approve the selected requests (they are matched and published)"))
    def approve_requests(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=RequestStatus.PENDING).order_by("confirmed_at", "id"),
            action="approve_requests",
            title=_("Approve sourcing requests"),
            button=_("Approve"),
            decide=services.request_approve,
            done=lambda count: ngettext("%d request approved.", "%d requests approved.", count) % count,
        )

    @admin_action(description=_("Reject the selected requests with a reason"))
    def reject_requests(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status__in=[RequestStatus.PENDING, RequestStatus.OPEN]),
            action="reject_requests",
            title=_("Reject sourcing requests"),
            button=_("Reject the requests"),
            decide=services.request_reject,
            done=lambda count: ngettext("%d request rejected.", "%d requests rejected.", count) % count,
            reason_form=RequestRejectionForm,
            intro=_("These requests will be rejected. Each buyer receives the reason by email."),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status in (RequestStatus.PENDING, RequestStatus.OPEN):
            buttons = [("reject_requests", _("Reject…"))]
            if obj.status == RequestStatus.PENDING:
                buttons.insert(0, ("approve_requests", _("Approve")))
            decision_buttons(self, request, context, obj, buttons, back_to_queue=True)
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


# The price with its currency, its cents only when there are some; the
# attachment, kept where no address reaches it, as a link through the admin.
QUOTE_SHOWN = {"price": "price_shown", "attachment": "attachment_link", "minimum_order": "minimum_order_shown"}


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["request", "business", "price_shown", "minimum_order_shown", "lead_days", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["request", "business"]
    search_fields = ["business__name", "request__title"]
    fields = readonly_fields = [
        QUOTE_SHOWN.get(field.name, field.name) for field in Quote._meta.fields if field.name != "id"
    ]

    @admin.display(description=_("price per pair"), ordering="price")
    def price_shown(self, quote: Quote) -> str:
        return price_text(quote.price, quote.currency)

    @admin.display(description=_("minimum order (pairs)"), ordering="minimum_order")
    def minimum_order_shown(self, quote: Quote) -> str:
        return pairs_text(quote.minimum_order)

    @admin.display(description=_("attachment"))
    def attachment_link(self, quote: Quote) -> str:
        if not quote.attachment:
            return "—"
        url = reverse("admin:directory_quote_attachment", args=[quote.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the attachment"))

    def get_urls(self):
        return [
            path(
                "lampiran/<int:pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="directory_quote_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        quote = get_object_or_404(Quote, pk=pk)
        if not quote.attachment:
            raise Http404
        return private_file(quote.attachment)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    """Addresses and domains whose requests are refused with a message."""

    list_display = ["value", "reason", "created_at"]
    search_fields = ["value", "reason"]


@admin.register(SourcingSettings)
class SourcingSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "auto_approve_returning", "max_invitations", "daily_cap"]

    """One row, made with its defaults when staff first open the list (asking
    on every admin page whether it exists would cost each a query)."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if self.has_change_permission(request):
            SourcingSettings.objects.get_or_create(pk=1)
        return super().changelist_view(request, extra_context)
