"""Accounts: how django-allauth signs people up and in here.

People sign in with their email address and password. Each account keeps
the language of the page it signed up on, and every email it receives
(confirmation, password reset) is written in that language, with links to
pages in that language.

Failed sign-ins are throttled without giving anyone a way to lock an owner
out (settings.ACCOUNT_RATE_LIMITS):
- per address (IP): 10 failures a minute, whatever the account;
- per address and account: 5 failures in 5 minutes;
- per account, from everywhere: after 50 failures in an hour the account is
  under attack, and each address may then fail on it only once in 10 minutes.
No limit counts the account alone, so failures from an attacker's addresses
never stop the owner signing in from their own; a successful sign-in takes
its attempt back out of every count.

Every other place that asks a signed-in person for their password (changing
it, deleting the account, confirming it is them before changing the email
address, the admin's password change) checks it through
`password_is_right()`, under the same counts: a stolen session cannot be
used to guess the password at leisure.
"""

import hashlib
import ipaddress
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.fields import EmailField
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.accounts.phone_signin import PhoneAdapterMixin

ALLAUTH_APP = "allauth.account"
IPV6_PREFIX = 64


def client_network(ip: str) -> str:
    """The address failures are counted against: IPv6 addresses by their /64
    network, which one subscriber holds whole."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return ip


TOO_MANY_WRONG_PASSWORDS = _("Too many wrong passwords. Try again in a few minutes.")


def password_is_right(request: HttpRequest, user: User, password: str) -> bool:
    """Whether `password` is `user`'s, checked only while the sign-in limits
    allow another try for this account from this network. Past them it raises
    ValidationError without checking, so a right password guessed after the
    limit is refused too until the window passes; a right password gives its
    try back, as at sign-in."""
    adapter = get_adapter(request)
    try:
        adapter.pre_authenticate(request, email=user.email or user.phone or str(user.pk))
    except ValidationError as error:
        raise ValidationError(TOO_MANY_WRONG_PASSWORDS, code="too_many_wrong_passwords") from error
    if user.check_password(password):
        adapter._login_failed_rl_usage.rollback()
        return True
    return False


def hashed_client_network(request: HttpRequest) -> str:
    """The visitor's network (`client_network` of the address Django and
    allauth agree on: REMOTE_ADDR, or what the configured number of trusted
    proxies says), hashed with the secret key before it becomes part of a
    cache key: not even the cache holds a visitor's address."""
    network = client_network(get_client_ip(request) or "unknown")
    return hashlib.sha256(f"{settings.SECRET_KEY}|{network}".encode()).hexdigest()[:32]


def supported_language(code: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


class RollbackAll:
    """Rate-limit usages taken before checking a password, given back together
    when the password turns out right."""

    def __init__(self, usages: list) -> None:
        self.usages = usages

    def rollback(self) -> None:
        for usage in self.usages:
            usage.rollback()


class AccountAdapter(PhoneAdapterMixin, DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or password is not correct."),
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts from this connection. Please wait a few minutes and try again, "
            "or reset your password."
        ),
        "invalid_login": _("This sign-in could not be completed. Please try again."),
        "rate_limited": _("Too many requests. Please wait a moment and try again."),
        "unknown_email": _("No account uses this email address."),
        "email_taken": _("An account already uses this email address."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("The password is not correct."),
        "invalid_password_reset": _("This password reset link is not valid."),
        "phone_taken": _("Another account already uses this WhatsApp number."),
        "unknown_phone": _("No account uses this WhatsApp number."),
        "incorrect_code": _("This code is not right. Check the message and type it again."),
    }

    def get_login_stages(self) -> list[str]:
        """A proven WhatsApp number counts as a confirmed address."""
        stages = super().get_login_stages()
        email_stage = stages.index("allauth.account.stages.EmailVerificationStage")
        stages[email_stage] = "directory.accounts.phone_signin.EmailOrPhoneVerificationStage"
        return stages

    # Sign-up ---------------------------------------------------------------

    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        """The account keeps the language of the page it signed up on."""
        user.language = supported_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    # Mail in the account's language ------------------------------------------

    def send_confirmation_mail(self, request: HttpRequest, emailconfirmation, signup: bool) -> None:
        with translation.override(language_of(emailconfirmation.email_address.user)):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_password_reset_mail(self, user: User, email: str, context: dict[str, Any]) -> None:
        with translation.override(language_of(user)):
            # The link was built in the language of the page the reset was
            # asked from; point it at the page in the account's language.
            context = {**context, "password_reset_url": self.get_reset_password_from_key_url(_reset_key(context))}
            super().send_password_reset_mail(user, email, context)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = language_of(user) if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    # Throttling failed sign-ins ----------------------------------------------

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failures count per address and account, never per account alone.
        allauth also clears this key when the password is reset."""
        account = credentials.get("email", "").lower()
        return f"{client_network(self.get_client_ip(request))}:{account}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Take one attempt from each count before the password is checked;
        `authenticate` gives them back when it is right."""
        account = credentials.get("email", "").lower()
        per_address = self._consume("login_failed", request, self._get_login_attempts_cache_key(request, **credentials))
        if per_address is None:
            raise self.validation_error("too_many_login_attempts")
        usages = [per_address]
        per_account = self._consume("login_failed_account", request, account)
        if per_account is not None:
            usages.append(per_account)
        else:
            # The account is under attack: every address slows down on it,
            # the owner's included, but nobody is shut out.
            slowed = self._consume(
                "login_failed_account_under_attack", request, self._get_login_attempts_cache_key(request, **credentials)
            )
            if slowed is None:
                per_address.rollback()
                raise self.validation_error("too_many_login_attempts")
            usages.append(slowed)
        self._login_failed_rl_usage = RollbackAll(usages)

    def reauthenticate(self, user: User, password: str) -> bool:
        """Confirming it is them (before changing the email address) asks
        the password under the same limits as every other password check."""
        return password_is_right(context.request, user, password)

    @staticmethod
    def _consume(action: str, request: HttpRequest, key: str):
        return ratelimit.consume(request, app=ALLAUTH_APP, action=action, key=key, config=account_settings.RATE_LIMITS)


def language_of(user: User) -> str:
    return supported_language(getattr(user, "language", None))


def _reset_key(context: dict[str, Any]) -> str:
    return f"{context['uid']}-{context['key']}"


PASSWORD_HELP = _("At least 8 characters; not only numbers, not a common password.")


class PlainLabelsMixin:
    """allauth's forms with labels that read well in both languages, and no
    placeholders standing in for them."""

    labels: dict = {}
    help_texts: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


class LoginForm(PlainLabelsMixin, AllauthLoginForm):
    labels = {"login": _("Email address"), "password": _("Password"), "remember": _("Keep me signed in on this device")}
    # allauth puts a "forgot your password?" link here; the page has its own.
    help_texts = {"password": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Numbers sign in with a code on their own page; this one takes an
        # email address and a password, as it did before numbers could.
        login = EmailField(label=self.labels["login"])
        login.widget.attrs.pop("placeholder", None)
        self.fields = {"login": login, **{name: field for name, field in self.fields.items() if name != "login"}}


class SignupForm(PlainLabelsMixin, AllauthSignupForm):
    labels = {"email": _("Email address"), "password1": _("Password"), "password2": _("Password again")}
    help_texts = {"password1": PASSWORD_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Signing up with a number has its own page (phone_signin.PhoneSignupView).
        self.fields.pop("phone", None)
        self._has_phone_field = False


class ResetPasswordForm(PlainLabelsMixin, AllauthResetPasswordForm):
    labels = {"email": _("Email address")}


class ResetPasswordKeyForm(PlainLabelsMixin, AllauthResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("New password again")}
    help_texts = {"password1": PASSWORD_HELP}


class SetPasswordForm(PlainLabelsMixin, AllauthSetPasswordForm):
    """For an account made with a WhatsApp number, which has none."""

    labels = {"password1": _("Password"), "password2": _("Password again")}
    help_texts = {"password1": PASSWORD_HELP}


class ChangePasswordForm(PlainLabelsMixin, AllauthChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password again"),
    }
    help_texts = {"password1": PASSWORD_HELP}

    def clean_oldpassword(self) -> str:
        password = self.cleaned_data.get("oldpassword", "")
        if not password_is_right(context.request, self.user, password):
            raise get_adapter().validation_error("enter_current_password")
        return password


class StaffPasswordChangeForm(DjangoPasswordChangeForm):
    """The admin's own password change, whose old password is checked under
    the sign-in limits like every other password prompt."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = context.request

    def clean_old_password(self) -> str:
        password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, password):
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return password


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, through the same throttle as /akun/login/: staff
    accounts are the ones most worth guessing. It needs no confirmed address,
    so an account made with createsuperuser can sign in."""

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = get_adapter(self.request).authenticate(self.request, email=email, password=password)
            except ValidationError as error:
                raise ValidationError(error.messages, code="too_many_login_attempts") from error
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
