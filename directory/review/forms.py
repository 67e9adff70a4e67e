"""The claim form and the reason staff give when they reject a claim."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.image_uploads import ImageUploadField
from directory.listings.fields import PhoneField
from directory.review.models import BusinessClaim


class ClaimForm(forms.Form):
    position = forms.CharField(
        label=_("Your position in the business"),
        max_length=BusinessClaim._meta.get_field("position").max_length,
        help_text=_("For example: owner, director, manager."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = PhoneField(
        label=_("Contact number"),
        help_text=_("BPIPI staff may call you to check the claim. Not shown on the site."),
    )
    note = forms.CharField(
        label=_("Evidence"),
        min_length=20,
        max_length=BusinessClaim._meta.get_field("note").max_length,
        help_text=_(
            "Tell us how you are connected to the business: since when, your business permit (NIB) number, "
            "where the workshop is. At least 20 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = ImageUploadField(
        label=_("Photo of a document (optional)"),
        required=False,
        help_text=_(
            "For example your business permit (NIB) or a letterhead. Only BPIPI staff see it. "
            "JPEG, PNG or WebP, at most 10 MB."
        ),
    )


class ClaimRejectionForm(forms.Form):
    """Staff's reason for rejecting claims, shown to the claimants."""

    reason = forms.CharField(
        label=_("Reason, shown to the claimant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
