"""Staff set the exchange rate in the admin; the pages follow at once."""

from django.contrib import admin

from directory.money.models import ExchangeRate
from directory.money.rates import exchange_rate_delete, exchange_rate_save


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["date", "rupiah_per_dollar", "set_by"]
    list_select_related = ["set_by"]
    fields = ["rupiah_per_dollar", "date", "set_by"]
    readonly_fields = ["set_by"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        exchange_rate_save(rate=obj, user=request.user)

    def delete_model(self, request, obj):
        exchange_rate_delete(rate=obj)

    def delete_queryset(self, request, queryset):
        for rate in queryset:
            exchange_rate_delete(rate=rate)
