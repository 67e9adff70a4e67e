"""Staff edit roles, product categories, certifications and tags; renaming or
merging one rewrites the search columns of its businesses."""

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from directory.caching import public_data_changed
from directory.search.admin import ReferenceDataAdmin, SearchedRowsAdmin
from directory.search.index import refresh_search_index
from directory.taxonomy.models import Certification, ProductCategory, Role

# taggit's own admin is replaced by ours, which rewrites the businesses' search
# columns when a tag is renamed or merged.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(SearchedRowsAdmin, TaggitTagAdmin):
    """django-taggit's tag admin, whose merge page rewrites the tags of every
    business yet checks no permission of its own: any staff account, a
    moderator without rights on tags included, could open it."""

    searched_fields = ("slug", "name")

    def businesses_of(self, obj) -> QuerySet:
        # Read by name: listings builds on taxonomy, not the reverse.
        return apps.get_model("directory", "Business").objects.filter(tags=obj)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isdigit()]
        affected = self.affected(Tag.objects.filter(pk__in=chosen)) if request.method == "POST" else set()
        response = super().merge_tags_view(request)
        if affected:
            refresh_search_index(affected)
            public_data_changed()
        return response


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


@admin.register(Certification)
class CertificationAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
