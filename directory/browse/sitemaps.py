"""The sitemaps: static pages (the board of open sourcing requests among
them), sentra, published businesses and live collaboration posts, in both
languages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from directory.connect.models import CollaborationPost
from directory.listings.models import Business
from directory.places.models import Sentra


class BilingualSitemap(Sitemap):
    """Every page in Indonesian and English, each listing the other."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "directory:home",
            "directory:business_list",
            "directory:sentra_list",
            "directory:statistics",
            "directory:post_list",
            "directory:request_list",
            "directory:join",
            "directory:about",
            "directory:contact",
            "directory:privacy",
            "directory:terms",
        ]

    def location(self, item):
        return reverse(item)


class SentraSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Sentra.objects.order_by("slug").only("slug")

    def location(self, item):
        return reverse("directory:sentra_detail", args=[item.slug])


class BusinessSitemap(BilingualSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Business.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of reading every business.
        return Business.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CollaborationPostSitemap(BilingualSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return CollaborationPost.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "sentra": SentraSitemap,
    "businesses": BusinessSitemap,
    "posts": CollaborationPostSitemap,
}
