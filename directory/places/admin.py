"""Staff edit provinces, regencies and sentra; renaming one rewrites the
search columns of its businesses (search.admin)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from directory.caching import public_data_changed
from directory.places.models import Province, Regency, Sentra
from directory.search.admin import ReferenceDataAdmin
from directory.search.index import refresh_search_index


class RegencyInline(admin.TabularInline):
    model = Regency
    fields = ["code", "name", "name_en", "kind"]
    extra = 0
    show_change_link = True


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "name_en", "regency_count"]
    search_fields = ["code", "name", "name_en"]
    inlines = [RegencyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(regency_total=Count("regencies"))

    def save_formset(self, request, form, formset, change):
        """A regency renamed on its province's page rewrites its businesses' search columns too."""
        renamed = [regency.instance for regency in formset.forms if {"name", "name_en"} & set(regency.changed_data)]
        super().save_formset(request, form, formset, change)
        if renamed:
            refresh_search_index(self.affected(renamed))
            public_data_changed()

    @admin.display(description=_("regencies and cities"), ordering="regency_total")
    def regency_count(self, obj):
        return obj.regency_total


@admin.register(Regency)
class RegencyAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "name_en", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name", "name_en", "province__name", "province__name_en"]


@admin.register(Sentra)
class SentraAdmin(ReferenceDataAdmin):
    list_display = ["name", "regency", "province"]
    list_select_related = ["regency__province"]
    list_filter = ["regency__province"]
    search_fields = ["name", "regency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regency"]
    searched_fields = ("slug", "name", "regency")

    @admin.display(description=_("province"), ordering="regency__province__name")
    def province(self, obj):
        return obj.regency.province
