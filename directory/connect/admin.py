"""The admin of collaboration posts (approve, reject with a reason) and of
inquiries (their mail status, sending again, releasing or discarding what was
held for review)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.connect import inquiries, posts
from directory.connect.forms import PostRejectionForm
from directory.connect.models import CollaborationPost, Inquiry


@admin.register(CollaborationPost)
class CollaborationPostAdmin(admin.ModelAdmin):
    """Staff read posts here, oldest waiting first; approving and rejecting go
    through connect.posts, which logs the decision and emails the
    owner. The owner's words are read-only: staff reject with a reason
    rather than rewrite them."""

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
        "categories",
        "description",
        "until",
        "status",
        "rejection_reason",
        "created_at",
        "submitted_at",
        "published_at",
    ]
    readonly_fields = fields
    actions = ["approve_posts", "reject_posts"]

    # Posts come from owners, who also delete them.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @staticmethod
    def base_url(request) -> str:
        return request.build_absolute_uri("/").rstrip("/")

    @admin.action(description=_("Approve the selected posts (they become public)"))
    def approve_posts(self, request, queryset):
        approved = 0
        for post in queryset.filter(status=CollaborationPost.Status.PENDING).order_by("submitted_at", "id"):
            try:
                posts.post_approve(post=post, moderator=request.user, base_url=self.base_url(request))
            except posts.PostError as error:
                self.message_user(request, f"{post}: {error}", messages.WARNING)
            else:
                approved += 1
        self.message_user(request, ngettext("%d post approved.", "%d posts approved.", approved) % approved)

    @admin.action(description=_("Reject the selected posts with a reason"))
    def reject_posts(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        decidable = queryset.filter(
            status__in=[CollaborationPost.Status.PENDING, CollaborationPost.Status.PUBLISHED]
        ).select_related("business")
        form = PostRejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            rejected = 0
            for post in decidable:
                try:
                    posts.post_reject(
                        post=post,
                        moderator=request.user,
                        reason=form.cleaned_data["reason"],
                        base_url=self.base_url(request),
                    )
                except posts.PostError as error:
                    self.message_user(request, f"{post}: {error}", messages.WARNING)
                else:
                    rejected += 1
            self.message_user(request, ngettext("%d post rejected.", "%d posts rejected.", rejected) % rejected)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject collaboration posts"),
            "opts": self.model._meta,
            "posts": decidable,
            "form": form,
            "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/directory/collaborationpost/reject.html", context)


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
