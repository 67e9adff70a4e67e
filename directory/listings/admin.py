"""The admin parts of a listing's content: logo previews, and its shops,
photos and products inline and on their own."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from directory.images import image_tag
from directory.listings.models import BusinessPhoto, MarketplaceShop, Product


def image_preview(image) -> str:
    """A small thumbnail, so staff see what they moderate; the smallest
    stored variant is enough."""
    return image_tag(image, sizes="96px", **{"class": "admin-thumb"}) or "–"


class MarketplaceShopInline(admin.TabularInline):
    model = MarketplaceShop
    extra = 0


class BusinessPhotoInline(admin.TabularInline):
    model = BusinessPhoto
    fields = ["preview", "image", "alt_text", "order", "pending_review"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)


class ProductInline(admin.StackedInline):
    model = Product
    fields = [
        ("name", "name_en"),
        "category",
        ("preview", "photo"),
        ("material", "minimum_order"),
        ("price_min", "price_max"),
        ("description", "description_en"),
        "order",
    ]
    autocomplete_fields = ["category"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.photo)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "category", "price_min", "price_max", "minimum_order"]
    list_select_related = ["business", "category"]
    list_filter = ["category__kind", "category"]
    search_fields = ["name", "name_en", "material", "business__name"]
    autocomplete_fields = ["business", "category"]


@admin.register(MarketplaceShop)
class MarketplaceShopAdmin(admin.ModelAdmin):
    list_display = ["business", "marketplace", "url"]
    list_select_related = ["business"]
    list_filter = ["marketplace"]
    search_fields = ["business__name", "url"]
    autocomplete_fields = ["business"]
