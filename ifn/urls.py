from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from django.views.static import serve

from directory import site
from directory.accounts.admin_language import choose_admin_language
from directory.accounts.phone_signin import phone_signup
from directory.browse.sitemaps import SITEMAPS
from directory.caching import cached_for_visitors

SITEMAP_CACHE_SECONDS = 3600


def sitemap_view(view):
    """A sitemap view kept in the page cache like the public pages (its page
    number `p` is the one parameter it reads), with the headers the cache
    does not keep: how long others may keep it, and that it is no page to index."""
    cached = cached_for_visitors(view, parameters=("p",))
    return sitemap_views.x_robots_tag(cache_control(max_age=SITEMAP_CACHE_SECONDS)(cached))


def serve_upload(request, path):
    """An uploaded image. Every upload is stored under a new server-made name
    and never rewritten, so browsers may keep it for a year."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "max-age=31536000, immutable"
    return response


urlpatterns = [
    path("healthz", site.healthz, name="healthz"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_view(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_view(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("admin/bahasa/", choose_admin_language, name="admin_language"),
    path("admin/", admin.site.urls),
]

# Bahasa Indonesia without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("directory.urls")),
    path("dasbor/", include("directory.dashboard_urls")),
    # /akun/ itself: sign in, or straight on to the dashboard when signed in.
    path("akun/", RedirectView.as_view(pattern_name="account_login"), name="account"),
    path("akun/signup/whatsapp/", phone_signup, name="account_signup_phone"),
    path("akun/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # One machine serves its own uploads; several machines behind a load
    # balancer would share object storage instead and turn this off.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_upload),
    ]

# Django calls it while the error is being handled, so it can tell a database
# out of reach (503, try again) from a fault in the code (500).
handler500 = "directory.site.server_error"
