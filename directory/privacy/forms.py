"""Deleting an account asks for the password, or, for an account made with a
WhatsApp number and no password, for that number typed again."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from directory.accounts.signin import password_is_right
from directory.phones import normalize_phone


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
        self.by_number = not user.has_usable_password() and bool(user.phone)
        if self.by_number:
            field = self.fields["password"]
            field.label = _("Your WhatsApp number")
            field.widget = forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"})
            field.help_text = _("Your account has no password: type its WhatsApp number, to be sure.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.by_number:
            try:
                typed = normalize_phone(password)
            except ValidationError:
                typed = ""
            if typed != self.user.phone:
                raise ValidationError(_("This is not your account's WhatsApp number."), code="phone_incorrect")
            return password
        if not password_is_right(self.request, self.user, password):
            raise ValidationError(_("This password is not correct."), code="password_incorrect")
        return password
