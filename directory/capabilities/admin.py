"""Staff extend the capability words, and record for each certificate a
business holds what they checked (the inline on the business admin, and the
list of held certificates, soonest to expire first)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.caching import public_data_changed
from directory.capabilities.models import (
    Audience,
    BusinessCertificate,
    ConstructionMethod,
    Country,
    FootwearType,
    KbliCode,
    Material,
    Service,
    valid_certificates,
)
from directory.capabilities.reminders import REMIND_BEFORE
from directory.search.admin import ReferenceDataAdmin
from directory.search.index import refresh_search_index

# The business admin's part for capabilities (directory.admin assembles it).
CAPABILITY_FIELDSET = (
    _("Production capabilities"),
    {
        "fields": [
            "construction_methods",
            "audiences",
            "footwear_types",
            "materials",
            "services",
            ("size_from", "size_to"),
            ("sample_lead_days", "order_lead_days"),
            "samples",
            ("supply_minimum", "supply_unit"),
            "export_countries",
            "nib",
            "kbli_codes",
        ]
    },
)
CAPABILITY_AUTOCOMPLETE = ["export_countries", "kbli_codes"]
CAPABILITY_CHECKBOXES = ["construction_methods", "audiences", "footwear_types", "materials", "services"]


class TermAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(ConstructionMethod)
class ConstructionMethodAdmin(TermAdmin):
    list_display = [*TermAdmin.list_display, "icon"]


for term in (Audience, FootwearType, Material, Service):
    admin.site.register(term, TermAdmin)


@admin.register(Country)
class CountryAdmin(ReferenceDataAdmin):
    searched_fields = ("name", "name_en")
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


@admin.register(KbliCode)
class KbliCodeAdmin(ReferenceDataAdmin):
    searched_fields = ("name", "name_en")
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


def record_checker(request, certificate: BusinessCertificate) -> None:
    """Whoever fills in `checked on` is recorded as the one who checked."""
    if certificate.checked_on and not certificate.checked_by_id:
        certificate.checked_by = request.user
    if not certificate.checked_on:
        certificate.checked_by = None


def save_certificates(request, formset) -> None:
    """Saves the business admin's inline of held certificates."""
    for certificate in formset.save(commit=False):
        record_checker(request, certificate)
        certificate.save()
    for certificate in formset.deleted_objects:
        certificate.delete()


class BusinessCertificateInline(admin.TabularInline):
    model = BusinessCertificate
    extra = 0
    autocomplete_fields = ["certification"]
    fields = ["certification", "number", "expires_on", "checked_on", "evidence", "checked_by"]
    readonly_fields = ["checked_by"]


class ValidityFilter(admin.SimpleListFilter):
    """Expired, expiring within the month owners are reminded in, or valid."""

    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [("expired", _("Expired")), ("soon", _("Expires within a month")), ("valid", _("Valid"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "expired":
            return queryset.filter(expires_on__lt=today)
        if self.value() == "soon":
            return queryset.filter(expires_on__gte=today, expires_on__lte=today + REMIND_BEFORE)
        if self.value() == "valid":
            return queryset.filter(valid_certificates(today))
        return queryset


@admin.register(BusinessCertificate)
class BusinessCertificateAdmin(admin.ModelAdmin):
    list_display = ["business", "certification", "number", "expires_on", "checked_on", "checked_by"]
    list_filter = ["certification", ValidityFilter, ("checked_on", admin.EmptyFieldListFilter), "expires_on"]
    list_select_related = ["business", "certification", "checked_by"]
    search_fields = ["business__name", "number"]
    autocomplete_fields = ["business", "certification"]
    readonly_fields = ["checked_by"]
    ordering = ["expires_on", "id"]
    fields = ["business", "certification", "number", "expires_on", "checked_on", "evidence", "checked_by"]

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "checked_on": timezone.localdate()}

    def save_model(self, request, obj, form, change):
        record_checker(request, obj)
        super().save_model(request, obj, form, change)
        refresh_search_index([obj.business_id])
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_search_index([obj.business_id])
        public_data_changed()
