"""The basic pages: /tentang/, /kontak/, /privasi/, /ketentuan/ (and under /en/)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from directory.caching import cached_for_visitors
from directory.pages.first_text import PAGES
from directory.pages.help_text import HELP_PAGE
from directory.pages.markup import render_markup
from directory.pages.models import SitePage
from directory.phones import phone_display


def placeholders() -> dict[str, str]:
    """What page texts may name in braces, filled from settings and URLs."""
    whatsapp = settings.HELPLINE_WHATSAPP
    return {
        "contact_email": f"[{settings.CONTACT_EMAIL}](mailto:{settings.CONTACT_EMAIL})",
        "helpline_whatsapp": f"[{phone_display('+' + whatsapp)}](https://wa.me/{whatsapp})" if whatsapp else "–",
        "account_data_url": reverse("directory:account_data"),
        "account_delete_url": reverse("directory:account_delete"),
    }


@cached_for_visitors
def site_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = SitePage.objects.filter(slug=slug).first()
    if page is None:
        # A database without the rows (a fresh test database) still has the pages.
        first = next((first for first in [*PAGES, HELP_PAGE] if first["slug"] == slug), None)
        if first is None:
            raise Http404
        page = SitePage(**first)
    return render(
        request,
        "pages/site_page.html",
        {"page": page, "body": render_markup(page.body, placeholders()), "slug": slug},
    )
