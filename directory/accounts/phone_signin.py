"""Signing up and in with a WhatsApp number, through allauth's phone support.

- A number is read as people write it (0812-3456-7890, 62 812…, +62 812…)
  and kept as +62…; only mobile numbers, the ones WhatsApp uses.
- Signing up with a number (`PhoneSignupView`) makes an account without an
  email address or password and sends a code to the number; typing it back
  proves the number and signs the owner in. Signing in is the same: a code
  to the number (allauth's "login by code").
- A proven number stands for a confirmed email address when signing in
  (`EmailOrPhoneVerificationStage`): an owner may add an address later.
- Codes expire (ACCOUNT_LOGIN_BY_CODE_TIMEOUT, ACCOUNT_PHONE_VERIFICATION_TIMEOUT),
  allow three tries, and are counted per number and per network
  (ACCOUNT_RATE_LIMITS). Nothing but a code is ever sent to a number that
  has not been proven, and nothing is sent to a number no account uses.
"""

from allauth.account.forms import ConfirmLoginCodeForm as AllauthConfirmLoginCodeForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.account.forms import VerifyPhoneForm as AllauthVerifyPhoneForm
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.internal.flows.signup import complete_signup
from allauth.account.stages import EmailVerificationStage
from allauth.core import ratelimit
from allauth.core.exceptions import RateLimited
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from directory import messaging
from directory.accounts.models import User
from directory.phones import normalize_phone

NUMBER_HELP = _("The number you use for WhatsApp, for example 0812 3456 7890.")


class WhatsAppNumberField(forms.CharField):
    """A mobile number as people type it, cleaned to +628…"""

    def __init__(self, **kwargs):
        kwargs.pop("validators", None)
        kwargs.setdefault("label", _("WhatsApp number"))
        kwargs.setdefault("help_text", NUMBER_HELP)
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        number = normalize_phone(value)
        if not number.startswith("+628"):
            raise ValidationError(
                _("Enter a mobile number that has WhatsApp, starting with 08, for example 0812 3456 7890."),
                code="not_mobile",
            )
        return number


class PhoneAdapterMixin:
    """The phone half of the account adapter: where the number is kept, and
    how a code reaches it."""

    def phone_form_field(self, **kwargs):
        return WhatsAppNumberField(**kwargs)

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone, user.phone_verified = phone, verified
        if user.pk:
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: User) -> tuple[str, bool] | None:
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user: User, phone: str) -> None:
        """The number is proven theirs: an account that only claimed it (a
        sign-up never finished) lets it go."""
        with transaction.atomic():
            User.objects.filter(phone=phone, phone_verified=False).exclude(pk=user.pk).update(phone=None)
            self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str) -> User | None:
        return User.objects.filter(phone=phone, is_active=True).first()

    def send_verification_code_sms(self, user: User, phone: str, code: str, **kwargs) -> None:
        minutes = max(settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT, settings.ACCOUNT_PHONE_VERIFICATION_TIMEOUT) // 60
        with translation.override(getattr(user, "language", None) or translation.get_language()):
            text = str(
                _("Your IFN code is %(code)s. It expires in %(minutes)s minutes. Do not give it to anyone.")
                % {"code": code, "minutes": minutes}
            )
        messaging.send(phone, text, template=settings.WHATSAPP_TEMPLATE, parameters=[code], code=code)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        """Nothing: a number no account uses may not be the person's, and the
        page tells everyone alike that a code is on its way if the number has
        an account."""

    def send_account_already_exists_sms(self, phone: str) -> None:
        """Nothing, for the same reason; signing up with a number that has an
        account sends a sign-in code instead (PhoneSignupView)."""


class EmailOrPhoneVerificationStage(EmailVerificationStage):
    """allauth's rule that an account's email address is confirmed before it
    signs in, except for accounts whose WhatsApp number is proven: the code
    they typed back is the proof. (The phone stage runs before this one.)"""

    def handle(self):
        user = self.login.user
        if user is not None and user.phone and user.phone_verified:
            return None, True
        return super().handle()


class MessageNotSentMiddleware:
    """A code the provider did not take (out of reach, refused) is a page
    saying so, with a way back, rather than an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, messaging.SendFailed):
            return None
        response = TemplateResponse(request, "account/message_not_sent.html", status=503)
        response["Retry-After"] = "60"
        return response.render()


# Forms -----------------------------------------------------------------------


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """Signing in with a code: by WhatsApp number only (email accounts sign
    in with their password)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("email", None)
        self.fields["phone"] = WhatsAppNumberField(required=True)

    def clean_phone(self) -> str:
        try:
            return super().clean_phone()
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ValidationError(TOO_MANY_CODES, code="too_many_codes") from error
            raise


TOO_MANY_CODES = _("Too many codes were asked for this number or from this connection. Please wait a few minutes.")


class CodeLabelMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Code")
        field.help_text = _("The code in the WhatsApp message we sent you.")
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class ConfirmLoginCodeForm(CodeLabelMixin, AllauthConfirmLoginCodeForm):
    pass


class VerifyPhoneForm(CodeLabelMixin, AllauthVerifyPhoneForm):
    pass


class PhoneSignupForm(forms.Form):
    phone = WhatsAppNumberField()
    name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)


class PhoneSignupView(FormView):
    """/akun/signup/whatsapp/: a number, and a code sent to it. A number that
    already has an account gets a sign-in code instead, so the page says the
    same whether or not the number is known."""

    template_name = "account/signup_phone.html"
    form_class = PhoneSignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: PhoneSignupForm) -> HttpResponse:
        phone = form.cleaned_data["phone"]
        if not ratelimit.consume(self.request, action="signup") or not ratelimit.consume(
            self.request, action="request_login_code", key=phone
        ):
            form.add_error("phone", TOO_MANY_CODES)
            return self.form_invalid(form)
        user = User.objects.filter(phone=phone).first()
        if user is not None and (user.phone_verified or user.email or user.has_usable_password()):
            LoginCodeVerificationProcess.initiate(request=self.request, user=user, phone=phone)
            return redirect("account_confirm_login_code")
        if user is None:
            user = User(phone=phone)
            user.set_unusable_password()
        user.name = form.cleaned_data["name"] or user.name
        language = translation.get_language()
        user.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        user.save()
        try:
            return complete_signup(self.request, user=user)
        except RateLimited:
            form.add_error("phone", TOO_MANY_CODES)
            return self.form_invalid(form)


phone_signup = PhoneSignupView.as_view()
