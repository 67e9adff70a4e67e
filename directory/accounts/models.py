"""The account: people sign in with their email address and password, or
with their WhatsApp number and a one-time code; each account keeps the
language its messages are written in."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email and not extra_fields.get("phone"):
            raise ValueError("Users must have an email address or a phone number.")
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An account. People sign in with their email address, or with their
    WhatsApp number (`phone`, stored as +62…) and a code sent to it; there is
    no username. An account made with a number has no email address until its
    owner adds and confirms one. `language` is the one its messages are
    written in."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(_("WhatsApp number"), max_length=16, unique=True, null=True, blank=True)
    # A number is used to sign in, and to send anything but its own codes,
    # only once a code sent to it has been typed back.
    phone_verified = models.BooleanField(_("WhatsApp number confirmed"), default=False)
    name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def clean(self):
        super().clean()
        # Django's normalising turns "no address" into "", which the unique
        # constraint would let only one account have.
        self.email = self.email or None

    def __str__(self):
        return self.email or self.phone or f"#{self.pk}"

    def get_full_name(self):
        return self.name or str(self)

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else str(self)
