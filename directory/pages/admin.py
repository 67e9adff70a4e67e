"""Staff edit the basic pages' text; a save shows at once on the public pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from directory.caching import public_data_changed
from directory.pages.models import SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ["title_id", "title_en", "slug", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": ["slug", "title_id", "title_en", "body_id", "body_en"],
                "description": _(
                    "{contact_email}, {helpline_whatsapp}, {account_data_url} and {account_delete_url} "
                    "in the text are filled in from the site's settings."
                ),
            },
        )
    ]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        # The four pages have fixed addresses; their rows come with the site.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_data_changed()
