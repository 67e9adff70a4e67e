"""Staff's moderation tools in the admin: the actions on businesses and owners'
changes (single and bulk) and the before/after view of a change (the queue
itself is review.queue, the pages that ask for a reason or a confirmation
review.deciding). Every decision goes through review.decisions, so the admin
and the tests run the same code."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.images import image_tag
from directory.listings import editing
from directory.listings.history import BusinessChange
from directory.listings.models import Business, VerificationMethod
from directory.listings.steps import change_rows, reference_names
from directory.review import decisions
from directory.review.deciding import (
    ReasonForm,
    admin_action,
    apply_to_each,
    ask_for_reason,
    decide_as_shown,
    decision_buttons,
)
from directory.review.queue_page import queue_page
from directory.review.queue_rows import TEXT_FIELDS
from directory.review.shown import business_shown, change_shown
from directory.review.word_diff import marked_sides


class VerificationForm(forms.Form):
    """What staff checked before verifying, and when: the profile tells visitors."""

    method = forms.ChoiceField(
        label=_("What was checked"), choices=VerificationMethod.choices, widget=forms.RadioSelect
    )
    checked_on = forms.DateField(
        label=_("Date of the check"),
        help_text=_("For example 2025-01-22."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_checked_on(self):
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > timezone.localdate():
            raise forms.ValidationError(_("The check cannot be in the future."))
        return checked_on


# Businesses ----------------------------------------------------------------------------


class BusinessModerationMixin:
    """The moderation actions of BusinessAdmin, its buttons and the review queue."""

    subject = "business"
    change_form_template = "admin/directory/moderated_change_form.html"
    actions = [
        "approve",
        "reject",
        "request_changes",
        "verify",
        "unverify",
        "feature",
        "unfeature",
        "suspend",
        "restore",
    ]

    shown = staticmethod(business_shown)

    def decision_summary(self, business: Business) -> str:
        """What a confirmation page shows of a listing to be decided on."""
        return format_html(
            '<a href="{}">{}</a> · {} · {}',
            reverse("admin:directory_business_change", args=[business.pk]),
            business.name,
            business.get_status_display(),
            business.tagline or "—",
        )

    @admin_action(description=_("Approve and publish the selected listings"))
    def approve(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset,
            action="approve",
            title=_("Approve listings"),
            button=_("Approve"),
            decide=decisions.business_approve,
            done=lambda count: ngettext("%d listing approved.", "%d listings approved.", count) % count,
        )

    @admin_action(description=_("Reject the selected listings with a reason"))
    def reject(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset,
            action="reject",
            title=_("Reject listings"),
            button=_("Reject"),
            decide=decisions.business_reject,
            done=lambda count: ngettext("%d listing rejected.", "%d listings rejected.", count) % count,
            reason_form=ReasonForm,
            intro=_("The owners receive this reason by email, and the moderation log keeps it."),
        )

    @admin_action(description=_("Ask the owners of the selected listings for changes"))
    def request_changes(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset,
            action="request_changes",
            title=_("Ask for changes"),
            button=_("Send the request"),
            decide=decisions.business_request_changes,
            done=lambda count: (
                ngettext("Changes requested for %d listing.", "Changes requested for %d listings.", count) % count
            ),
            reason_form=ReasonForm,
            intro=_("The owners receive this reason by email, and the moderation log keeps it."),
        )

    @admin_action(description=_("Mark the selected businesses as verified"))
    def verify(self, request, queryset):
        return ask_for_reason(
            self,
            request,
            queryset,
            action="verify",
            title=_("Verify businesses"),
            button=_("Verify"),
            decide=decisions.business_verify,
            done=lambda count: ngettext("%d business verified.", "%d businesses verified.", count) % count,
            template="admin/directory/verification_evidence.html",
            form_class=VerificationForm,
        )

    @admin_action(description=_("Remove the verified mark from the selected businesses"))
    def unverify(self, request, queryset):
        return apply_to_each(
            self,
            request,
            queryset,
            decisions.business_unverify,
            lambda count: (
                ngettext("%d business no longer verified.", "%d businesses no longer verified.", count) % count
            ),
        )

    @admin_action(description=_("Feature the selected businesses"))
    def feature(self, request, queryset):
        return apply_to_each(
            self,
            request,
            queryset,
            decisions.business_feature,
            lambda count: ngettext("%d business featured.", "%d businesses featured.", count) % count,
        )

    @admin_action(description=_("Stop featuring the selected businesses"))
    def unfeature(self, request, queryset):
        return apply_to_each(
            self,
            request,
            queryset,
            decisions.business_unfeature,
            lambda count: (
                ngettext("%d business no longer featured.", "%d businesses no longer featured.", count) % count
            ),
        )

    @admin_action(description=_("Suspend the selected listings with a reason"))
    def suspend(self, request, queryset):
        return ask_for_reason(
            self,
            request,
            queryset,
            action="suspend",
            title=_("Suspend listings"),
            button=_("Suspend"),
            decide=decisions.business_suspend,
            done=lambda count: ngettext("%d listing suspended.", "%d listings suspended.", count) % count,
        )

    @admin_action(description=_("Restore the selected suspended listings"))
    def restore(self, request, queryset):
        return apply_to_each(
            self,
            request,
            queryset,
            decisions.business_restore,
            lambda count: ngettext("%d listing restored.", "%d listings restored.", count) % count,
        )

    # Moderators decide through the actions, which log and tell the owner;
    # only a superuser may still set these by hand (to repair data, say).
    decided_fields = [
        "status",
        "rejection_reason",
        "verified",
        "verification_method",
        "verified_on",
        "featured",
        "published_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += [name for name in self.decided_fields if name not in readonly]
        return readonly

    def get_urls(self):
        return [
            path(
                "review/",
                self.admin_site.admin_view(self.review_queue_view),
                name="directory_business_review",
            ),
            *super().get_urls(),
        ]

    def review_queue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review queue"),
            "opts": self.model._meta,
            **queue_page(request.GET, duplicates=self.queue_duplicates),
        }
        return TemplateResponse(request, "admin/directory/review_queue.html", context)

    def queue_duplicates(self, business_ids: set[int]) -> dict:
        """Probable duplicates of the queue's businesses: stewardship finds them."""
        return {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            waiting = obj.status == Business.Status.PENDING
            decision_buttons(self, request, context, obj, business_buttons(obj), back_to_queue=waiting)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


def business_buttons(business: Business) -> list[tuple]:
    """The decisions that fit this business now, as buttons on its page;
    the ones needing a reason open the reason page first."""
    status = business.status
    buttons = []
    if status == Business.Status.PENDING:
        buttons += [("approve", _("Approve")), ("reject", _("Reject…")), ("request_changes", _("Ask for changes…"))]
    elif status == Business.Status.PUBLISHED:
        buttons += [("request_changes", _("Ask for changes…")), ("suspend", _("Suspend…"))]
    elif status == Business.Status.SUSPENDED:
        buttons.append(("restore", _("Restore")))
    buttons.append(("unverify", _("Remove verified mark")) if business.verified else ("verify", _("Verify")))
    buttons.append(("unfeature", _("Stop featuring")) if business.featured else ("feature", _("Feature")))
    return buttons


# Owners' changes -----------------------------------------------------------------------


class BusinessChangeModerationMixin:
    subject = "change"
    change_form_template = "admin/directory/moderated_change_form.html"
    actions = ["approve_changes", "reject_changes"]

    shown = staticmethod(change_shown)

    def decision_summary(self, change: BusinessChange) -> str:
        """A change is decided on its fields: the confirmation shows them all."""
        return format_html("<strong>{}</strong>{}", change.business, self.differences(change))

    @admin_action(description=_("Approve and publish the selected changes"))
    def approve_changes(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=BusinessChange.Status.PENDING).select_related("business__owner"),
            action="approve_changes",
            title=_("Approve changes"),
            button=_("Approve"),
            decide=decisions.change_approve,
            done=lambda count: ngettext("%d change approved.", "%d changes approved.", count) % count,
        )

    @admin_action(description=_("Reject the selected changes with a reason"))
    def reject_changes(self, request, queryset):
        return decide_as_shown(
            self,
            request,
            queryset.filter(status=BusinessChange.Status.PENDING).select_related("business__owner"),
            action="reject_changes",
            title=_("Reject changes"),
            button=_("Reject"),
            decide=decisions.change_reject,
            done=lambda count: ngettext("%d change rejected.", "%d changes rejected.", count) % count,
            reason_form=ReasonForm,
            intro=_("The owners receive this reason by email, and the moderation log keeps it."),
        )

    @admin.display(description=_("differences"))
    def differences(self, change: BusinessChange) -> str:
        """Each proposed field beside what the public sees now."""
        business = change.business
        published = editing.current_values(business, change.data)
        rows = change_rows(business, change, reference_names([change.data, published]))
        cells = []
        for name, row in zip(change.data, rows, strict=True):
            before, after = row["before"], row["after"]
            if name == "logo":
                before = image_or_dash(business.logo)
                after = image_or_dash(proposed_logo(change.data["logo"], business))
            elif name in TEXT_FIELDS and isinstance(change.data[name], str):
                before, after = marked_sides(str(published[name] or ""), change.data[name])
            cells.append((row["label"], before, after))
        return format_html(
            '<table class="moderation-diff"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Field"),
            _("Published now"),
            _("Proposed"),
            format_html_join(
                "", '<tr><th scope="row">{}</th><td class="before">{}</td><td class="after">{}</td></tr>', cells
            ),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status == BusinessChange.Status.PENDING:
            buttons = [("approve_changes", _("Approve")), ("reject_changes", _("Reject…"))]
            decision_buttons(self, request, context, obj, buttons, back_to_queue=True)
        # Nothing here is edited by hand: decisions are the buttons above.
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


def image_or_dash(image) -> str:
    return image_tag(image, sizes="160px", **{"class": "admin-thumb admin-thumb--large"}) or "—"


def proposed_logo(value, business: Business):
    """The proposed logo as an image field value, so it renders like the
    published one; "" when the owner removed the logo."""
    if isinstance(value, dict):
        preview = Business(
            logo=value["name"], logo_width=value["width"], logo_height=value["height"], logo_widths=value["widths"]
        )
        return preview.logo
    if value == business.logo.name:
        return business.logo
    return ""
