"""The admin site: its titles and sign-in form, every capability's admin
registered (each package keeps its own `admin.py`), and the business admin,
assembled from the parts that listings, review and stewardship give it."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.accounts import admin as accounts_admin
from directory.accounts.signin import StaffLoginForm, StaffPasswordChangeForm
from directory.caching import public_data_changed
from directory.capabilities import admin as capabilities_admin
from directory.capabilities.admin import (
    CAPABILITY_AUTOCOMPLETE,
    CAPABILITY_CHECKBOXES,
    CAPABILITY_FIELDSET,
    BusinessCertificateInline,
    save_certificates,
)
from directory.capabilities.models import BusinessCertificate
from directory.connect import admin as connect_admin
from directory.connect.ranked_partners import partners_changed
from directory.listings.admin import BusinessPhotoInline, MarketplaceShopInline, ProductInline, image_preview
from directory.listings.fields import PhoneField
from directory.listings.forms import PROVINCE_ERRORS
from directory.listings.models import Business
from directory.money import admin as money_admin
from directory.pages import admin as pages_admin
from directory.places import admin as places_admin
from directory.review.actions import BusinessModerationMixin
from directory.review.admin import ModerationLogInline
from directory.search import admin as search_admin
from directory.search.index import refresh_search_index
from directory.sourcing import admin as sourcing_admin
from directory.stewardship.admin import StewardshipAdminMixin
from directory.stewardship.import_admin import BusinessImportExportMixin
from directory.taxonomy import admin as taxonomy_admin

# Importing them registers their models.
CAPABILITY_ADMINS = [
    accounts_admin,
    capabilities_admin,
    connect_admin,
    money_admin,
    pages_admin,
    places_admin,
    search_admin,
    sourcing_admin,
    taxonomy_admin,
]

admin.site.login_form = StaffLoginForm
admin.site.password_change_form = StaffPasswordChangeForm
admin.site.site_header = _("IFN administration")
admin.site.site_title = _("IFN administration")
admin.site.index_title = _("Moderation and reference data")
# Staff work in long lists: the width goes to the list's columns, and the
# breadcrumbs and the front page lead to every model.
admin.site.enable_nav_sidebar = False


@admin.register(Business)
class BusinessAdmin(BusinessImportExportMixin, StewardshipAdminMixin, BusinessModerationMixin, admin.ModelAdmin):
    # Short headers, one place column, and the owner's confirmation as the
    # date (stewardship adds it): at 1280 px every column shows and a long
    # business name takes two lines at most.
    list_display = ["name", "status", "verified_mark", "stage_short", "place", "owner_name"]
    list_filter = ["status", "verified", "featured", "stage", "roles", "size", "export_ready", "province"]
    list_select_related = ["province", "regency", "owner"]
    search_fields = ["name", "slug", "owner__email", "email", "phone", "whatsapp", "regency__name"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner", "province", "regency", "sentra", "categories", *CAPABILITY_AUTOCOMPLETE]
    filter_horizontal = ["roles", *CAPABILITY_CHECKBOXES]
    readonly_fields = ["created_at", "updated_at", "logo_preview"]
    inlines = [
        BusinessCertificateInline,
        MarketplaceShopInline,
        BusinessPhotoInline,
        ProductInline,
        ModerationLogInline,
    ]

    @admin.display(description=_("verified"), boolean=True, ordering="verified")
    def verified_mark(self, obj):
        return obj.verified

    @admin.display(description=pgettext_lazy("business list column", "stage"), ordering="stage")
    def stage_short(self, obj):
        return obj.get_stage_display()

    @admin.display(description=_("place"), ordering="regency__name")
    def place(self, obj):
        return obj.regency or obj.province or ""

    @admin.display(description=_("owner"), ordering="owner__name")
    def owner_name(self, obj):
        """The owner's name, shorter than their address (which the search
        box finds); the address when they gave no name."""
        return (obj.owner.name or str(obj.owner)) if obj.owner else ""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Staff type phone numbers through the same field as owners, so a
        number is checked and stored in +62 form whoever enters it."""
        if db_field.name in ("phone", "whatsapp"):
            return PhoneField(label=db_field.verbose_name, required=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj):
        return image_preview(obj.logo)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "province":
            field.error_messages.update(PROVINCE_ERRORS)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(db_field.related_model, "display_name"):
            # Roles, categories, construction methods...: in the staff
            # member's language, as the queue and the filters name them.
            field.label_from_instance = lambda term: term.display_name
        return field

    def save_model(self, request, obj, form, change):
        if obj.status == Business.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is BusinessCertificate:
            save_certificates(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Categories and tags are saved here, after the business itself.
        refresh_search_index([form.instance.pk])
        partners_changed([form.instance.pk])
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_data_changed()

    fieldsets = [
        (None, {"fields": ["name", "slug", "owner", "tagline", "tagline_en"]}),
        (
            _("Moderation"),
            {"fields": ["status", "rejection_reason", "verified", "verification_method", "verified_on", "featured"]},
        ),
        (_("Value chain"), {"fields": ["roles", "stage", "categories", "tags"]}),
        (_("About"), {"fields": ["description", "description_en", "founded_year", "size", "logo_preview", "logo"]}),
        (
            _("Capacity and export"),
            {"fields": ["monthly_capacity", "minimum_order", "export_ready", "export_markets"]},
        ),
        CAPABILITY_FIELDSET,
        (_("Location"), {"fields": ["address", "province", "regency", "sentra", "postal_code"]}),
        (
            _("Contact"),
            {"fields": ["phone", "whatsapp", "email", "website", "instagram", "facebook", "youtube", "tiktok"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "published_at", "last_confirmed_at"]}),
    ]
