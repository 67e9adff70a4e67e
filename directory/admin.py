from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .caching import public_data_changed
from .models import (
    Business,
    BusinessPhoto,
    Certification,
    MarketplaceShop,
    Product,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
    User,
)
from .search import refresh_search_index

admin.site.site_header = _("IFN administration")
admin.site.site_title = _("IFN administration")
admin.site.index_title = _("Moderation and reference data")


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reference rows are cached as the directory's filter options."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
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


class RegencyInline(admin.TabularInline):
    model = Regency
    fields = ["code", "name", "kind"]
    extra = 0
    show_change_link = True


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "regency_count"]
    search_fields = ["code", "name"]
    inlines = [RegencyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(regency_total=Count("regencies"))

    @admin.display(description=_("regencies and cities"), ordering="regency_total")
    def regency_count(self, obj):
        return obj.regency_total


@admin.register(Regency)
class RegencyAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name", "province__name"]


@admin.register(Sentra)
class SentraAdmin(ReferenceDataAdmin):
    list_display = ["name", "regency", "province"]
    list_select_related = ["regency__province"]
    list_filter = ["regency__province"]
    search_fields = ["name", "regency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regency"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            refresh_search_index(obj.businesses.values_list("pk", flat=True))

    @admin.display(description=_("province"), ordering="regency__province__name")
    def province(self, obj):
        return obj.regency.province


@admin.register(Role)
class RoleAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(ProductCategory)
class ProductCategoryAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug", "kind", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            refresh_search_index(obj.businesses.values_list("pk", flat=True))


@admin.register(Certification)
class CertificationAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class MarketplaceShopInline(admin.TabularInline):
    model = MarketplaceShop
    extra = 0


class BusinessPhotoInline(admin.TabularInline):
    model = BusinessPhoto
    fields = ["image", "alt_text", "order"]
    extra = 0


class ProductInline(admin.StackedInline):
    model = Product
    fields = [
        ("name", "category"),
        "photo",
        ("material", "minimum_order"),
        ("price_min", "price_max"),
        "description",
        "order",
    ]
    autocomplete_fields = ["category"]
    extra = 0


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "verified", "featured", "stage", "province", "regency", "owner", "updated_at"]
    list_filter = ["status", "verified", "featured", "stage", "roles", "size", "export_ready", "province"]
    list_select_related = ["province", "regency", "owner"]
    search_fields = ["name", "slug", "owner__email", "email", "phone", "whatsapp", "regency__name"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner", "province", "regency", "sentra", "categories", "certifications"]
    filter_horizontal = ["roles"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MarketplaceShopInline, BusinessPhotoInline, ProductInline]

    def save_model(self, request, obj, form, change):
        if obj.status == Business.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Categories and tags are saved here, after the business itself.
        refresh_search_index([form.instance.pk])
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_data_changed()

    fieldsets = [
        (None, {"fields": ["name", "slug", "owner", "tagline"]}),
        (_("Moderation"), {"fields": ["status", "rejection_reason", "verified", "featured"]}),
        (_("Value chain"), {"fields": ["roles", "stage", "categories", "tags", "certifications"]}),
        (_("About"), {"fields": ["description", "description_en", "founded_year", "size", "logo"]}),
        (
            _("Capacity and export"),
            {"fields": ["monthly_capacity", "minimum_order", "export_ready", "export_markets"]},
        ),
        (_("Location"), {"fields": ["address", "province", "regency", "sentra", "postal_code"]}),
        (
            _("Contact"),
            {"fields": ["phone", "whatsapp", "email", "website", "instagram", "facebook", "youtube", "tiktok"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "published_at", "last_confirmed_at"]}),
    ]


@admin.register(BusinessPhoto)
class BusinessPhotoAdmin(admin.ModelAdmin):
    list_display = ["alt_text", "business", "order", "width", "height", "created_at"]
    list_select_related = ["business"]
    search_fields = ["alt_text", "business__name"]
    autocomplete_fields = ["business"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "category", "price_min", "price_max", "minimum_order"]
    list_select_related = ["business", "category"]
    list_filter = ["category__kind", "category"]
    search_fields = ["name", "material", "business__name"]
    autocomplete_fields = ["business", "category"]


@admin.register(MarketplaceShop)
class MarketplaceShopAdmin(admin.ModelAdmin):
    list_display = ["business", "marketplace", "url"]
    list_select_related = ["business"]
    list_filter = ["marketplace"]
    search_fields = ["business__name", "url"]
    autocomplete_fields = ["business"]
