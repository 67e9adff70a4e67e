"""The admin of inquiries: their mail status, sending again, releasing or
discarding what was held for review. Collaboration posts are decided on with
the rest of the moderation, in review.admin."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.connect import inquiries
from directory.connect.models import Inquiry

# Inquiries ------------------------------------------------------------------------------


class MailStatusFilter(admin.SimpleListFilter):
    title = _("mail")
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [("pending", _("not sent")), ("sent", _("sent"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.mail_pending()
        if self.value() == "sent":
            return queryset.filter(owner_mailed_at__isnull=False)
        return queryset


class HeldFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", _("held for review")), ("no", _("delivered"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(held_at__isnull=False)
        if self.value() == "no":
            return queryset.delivered()
        return queryset


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    """What visitors wrote, for staff who look into spam or mail that did not
    go out, and who release or discard the messages held because a business
    received more than its daily volume. Staff read and delete here; owners
    answer in their inbox."""

    list_display = [
        "created_at",
        "business",
        "name",
        "email",
        "sender_type",
        "country",
        "held",
        "mail_sent",
        "mail_attempts",
    ]
    list_filter = [HeldFilter, MailStatusFilter, "sender_type", "created_at"]
    list_select_related = ["business"]
    search_fields = ["name", "email", "company", "business__name"]
    date_hierarchy = "created_at"
    actions = ["release_held", "discard_held", "send_mail_again"]
    readonly_fields = [field.name for field in Inquiry._meta.fields]

    @admin.display(boolean=True, description=_("held"))
    def held(self, inquiry: Inquiry) -> bool:
        return inquiry.held_at is not None

    @admin.display(boolean=True, description=_("mail sent"))
    def mail_sent(self, inquiry: Inquiry) -> bool:
        return inquiry.owner_mailed_at is not None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Release the selected held messages (the business receives them)"), permissions=["view"]
    )
    def release_held(self, request, queryset):
        released = 0
        for inquiry in queryset.filter(held_at__isnull=False).select_related("business__owner").order_by("created_at"):
            inquiries.inquiry_release(inquiry=inquiry)
            released += 1
        self.message_user(
            request,
            ngettext("%d message released.", "%d messages released.", released) % released,
            messages.SUCCESS,
        )

    @admin.action(description=_("Discard the selected held messages"), permissions=["delete"])
    def discard_held(self, request, queryset):
        discarded, _by_model = queryset.filter(held_at__isnull=False).delete()
        self.message_user(
            request,
            ngettext("%d message discarded.", "%d messages discarded.", discarded) % discarded,
            messages.SUCCESS,
        )

    @admin.action(description=_("Send the mail that has not gone out yet"), permissions=["view"])
    def send_mail_again(self, request, queryset):
        sent = sum(
            inquiries.inquiry_send_mail(inquiry=inquiry)
            for inquiry in queryset.mail_pending().select_related("business__owner")
        )
        self.message_user(
            request,
            ngettext("%d inquiry mailed.", "%d inquiries mailed.", sent) % sent,
            messages.SUCCESS,
        )
