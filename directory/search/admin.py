"""The admin base for reference rows that businesses carry in their search
columns (renaming or deleting one rewrites those columns), and the glossary
staff keep."""

from django.contrib import admin
from django.db.models import QuerySet

from directory.caching import public_data_changed
from directory.search.glossary import glossary_changed
from directory.search.index import refresh_search_index
from directory.search.models import GlossaryTerm


class SearchedRowsAdmin(admin.ModelAdmin):
    """Rows whose slug or name businesses carry in their search columns and
    facet keys (search.index): renaming or deleting one rewrites those
    columns of every business that has it, or the listing would still filter
    and search by the old slug and name. Every change ends by emptying the
    public caches."""

    # The fields whose change rewrites the businesses' columns.
    searched_fields: tuple[str, ...] = ()

    def businesses_of(self, obj) -> QuerySet:
        return obj.businesses.all()

    def affected(self, objs) -> set[int]:
        return {pk for obj in objs for pk in self.businesses_of(obj).values_list("pk", flat=True)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and set(form.changed_data) & set(self.searched_fields):
            refresh_search_index(self.affected([obj]))
        public_data_changed()

    def delete_model(self, request, obj):
        affected = self.affected([obj])
        super().delete_model(request, obj)
        refresh_search_index(affected)
        public_data_changed()

    def delete_queryset(self, request, queryset):
        affected = self.affected(queryset)
        super().delete_queryset(request, queryset)
        refresh_search_index(affected)
        public_data_changed()


class ReferenceDataAdmin(SearchedRowsAdmin):
    """Reference rows are also cached as the directory's filter options."""

    searched_fields = ("slug", "name", "name_en")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """Each change takes effect on the next search: every save starts a new
    version of the glossary, and of the public data. The glossary widens or
    narrows searches but shows or hides nothing: pages from before a change
    may stand in while new ones are made."""

    list_display = ["english", "indonesian", "abbreviations", "updated_at"]
    search_fields = ["english", "indonesian", "abbreviations"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        glossary_changed()
        public_data_changed(withdraws=False)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        glossary_changed()
        public_data_changed(withdraws=False)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        glossary_changed()
        public_data_changed(withdraws=False)
