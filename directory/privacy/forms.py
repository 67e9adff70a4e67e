"""Deleting an account asks for the password (or the email, for an account
without one)."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from directory.accounts.signin import password_is_right


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account is deleted for good and my businesses are removed from the directory."),
        error_messages={"required": _("Tick this box to confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, self.user, password):
            raise ValidationError(_("This password is not correct."), code="password_incorrect")
        return password
