"""How staff decide in the admin: the buttons on an item's page, the page
that asks for a reason, and running one decision per selected row.

Approving, rejecting and asking for changes apply to what the moderator was
shown (directory.seen). The buttons on an item's page carry the version of
the page; a bulk action from a list, whose rows show little of what is
decided, first shows a page listing every item with its version, and
decides when that page is confirmed. An item changed since is not decided:
its page (or, in bulk, the confirmation page) is shown again with a message
naming what changed."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from directory import errors, seen

CONFIRM_TEMPLATE = "admin/directory/decision_confirm.html"


def admin_action(*, description):
    """Deciding needs the right to change the rows decided on."""
    return admin.action(description=description, permissions=["change"])


class ReasonForm(forms.Form):
    """The reason staff give the owner; it is required."""

    reason = forms.CharField(
        label=_("Reason, sent to the owner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
    )


def safe_next(request: HttpRequest) -> str:
    """The page a single-object button came from, or "" when it points
    anywhere but this site: it becomes a redirect and a Cancel link."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def next_page(request: HttpRequest) -> HttpResponse | None:
    """Back to the page a single-object button came from (the review queue, a
    business), or None for the changelist the bulk action ran on."""
    target = safe_next(request)
    return HttpResponseRedirect(target) if target else None


def apply_to_each(
    model_admin, request: HttpRequest, items, decide: Callable, done: Callable[[int], str], **arguments
) -> HttpResponse | None:
    """Runs one decision per selected row; rows it does not fit are named in
    a warning, the others are decided."""
    decide_each(model_admin, request, items, decide, done, arguments)
    return next_page(request)


def decide_each(
    model_admin, request: HttpRequest, items, decide: Callable, done: Callable[[int], str], arguments, record: str = ""
):
    """Runs `decide` on each row and returns the rows that changed after the
    moderator was shown them (`arguments` may map a row's key to its
    version under "versions"), none of which was decided. Each decided row's
    admin history records `record` (the decision's title) and the reason."""
    versions = arguments.pop("versions", None)
    count, changed = 0, []
    for item in items:
        if versions is not None:
            arguments["seen"] = versions[item.pk]
        try:
            decide(**{model_admin.subject: item}, moderator=request.user, **arguments)
        except seen.ItemChanged as error:
            model_admin.message_user(request, str(error), messages.WARNING)
            changed.append(item)
        except errors.ServiceError as error:
            # Most refusals name the item already.
            text = str(error) if str(item) in str(error) else f"{item}: {error}"
            model_admin.message_user(request, text, messages.WARNING)
        except ValidationError as error:
            model_admin.message_user(request, f"{item}: {' '.join(error.messages)}", messages.WARNING)
        else:
            count += 1
            if record:
                reason = arguments.get("reason")
                model_admin.log_change(request, item, f"{record}: {reason}" if reason else str(record))
    if count:
        model_admin.message_user(request, done(count), messages.SUCCESS)
    return changed


def decide_as_shown(
    model_admin,
    request: HttpRequest,
    queryset,
    *,
    action: str,
    title: str,
    button: str,
    decide: Callable,
    done: Callable[[int], str],
    reason_form: type[forms.Form] | None = None,
    intro: str = "",
    **arguments,
) -> HttpResponse | None:
    """A decision on what the moderator was shown (see the note above): it
    runs when every selected row comes with its version and, if the decision
    needs one, a reason; otherwise the page listing the rows asks for them."""
    items = list(queryset)
    versions = seen.read_versions(request.POST.getlist(seen.FIELD), model_admin.model)
    applying = "apply" in request.POST
    form = reason_form(request.POST if applying else None) if reason_form else None
    shown = bool(items) and all(item.pk in versions for item in items)
    if shown and (applying or form is None) and (form is None or form.is_valid()):
        if form is not None:
            arguments["reason"] = form.cleaned_data["reason"]
        changed = decide_each(
            model_admin, request, items, decide, done, {**arguments, "versions": versions}, record=title
        )
        if not changed:
            return next_page(request)
        if len(items) == 1:
            # The item's page shows it as it is now, with a new version.
            info = model_admin.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{info.app_label}_{info.model_name}_change", args=[changed[0].pk])
            )
        items, versions = changed, {}
        if form is not None:
            form = reason_form(initial={"reason": arguments["reason"]})
    rows = [
        {
            "item": item,
            "summary": model_admin.decision_summary(item),
            "version": (
                seen.signed_version(item, versions[item.pk])
                if item.pk in versions
                else seen.version_token(item, model_admin.shown(item))
            ),
        }
        for item in items
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "rows": rows,
        "intro": intro,
        "form": form,
        "action": action,
        "button": button,
        "next": safe_next(request),
        "seen_field": seen.FIELD,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, CONFIRM_TEMPLATE, context)


def ask_for_reason(
    model_admin,
    request: HttpRequest,
    queryset,
    *,
    action: str,
    title: str,
    button: str,
    decide: Callable,
    done,
    template: str = "admin/directory/moderation_reason.html",
    form_class: type[forms.Form] = ReasonForm,
) -> HttpResponse | None:
    """An action that needs a reason (or, with `form_class`, other facts)
    but no version (suspending a public listing, verifying): first a page
    that asks for it (again, with an error, while it is empty), then the
    decision on every row."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        return apply_to_each(model_admin, request, queryset, decide, done, **form.cleaned_data)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "items": list(queryset),
        "form": form,
        "action": action,
        "button": button,
        "next": safe_next(request),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, context)


def decision_buttons(model_admin, request, context, obj, buttons, *, back_to_queue: bool) -> None:
    """Buttons on an object's page, each running one admin action on it with
    the version of what the page shows; a decision on an item of the review
    queue leads back to the queue."""
    if not model_admin.has_change_permission(request, obj):
        return
    context["moderation_buttons"] = [
        {"action": action, "label": label, "primary": action.startswith("approve")} for action, label in buttons
    ]
    context["moderation_next"] = (
        reverse("admin:directory_business_review") if back_to_queue else request.get_full_path()
    )
    context["moderation_seen"] = seen.version_token(obj, model_admin.shown(obj))
    context["seen_field"] = seen.FIELD
