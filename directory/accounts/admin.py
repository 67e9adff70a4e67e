"""Staff manage accounts: people sign in with their email or their WhatsApp
number; there is no username."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.phones import normalize_phone


class UserChangeForm(DjangoUserChangeForm):
    def clean_email(self):
        return self.cleaned_data.get("email") or None

    def clean_phone(self):
        """Kept as +62…, like numbers typed anywhere else, or none."""
        value = self.cleaned_data.get("phone")
        return normalize_phone(value) if value else None


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    ordering = ["email"]
    list_display = ["__str__", "name", "phone", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "phone_verified"]
    search_fields = ["email", "name", "phone"]
    fieldsets = [
        (None, {"fields": ["email", "phone", "phone_verified", "password"]}),
        (_("Personal info"), {"fields": ["name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "language", "password1", "password2"]}),
    ]
