"""Pages for one person or for staff are never kept by a browser's back/forward
store, a shared computer's disk cache or a proxy between the visitor and us.

The dashboard (/dasbor/), the account pages (/akun/) and the admin (/admin/)
hold someone's messages, listings and settings; any other page answered to a
signed-in person may show their name or an owner's preview. Each of them is
sent `Cache-Control: private, no-store`. Public pages for anonymous visitors
keep their headers, so they stay cacheable as before.
"""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PRIVATE_SECTIONS = ("dasbor", "akun", "admin")


def private_path() -> re.Pattern:
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    sections = "|".join(PRIVATE_SECTIONS)
    return re.compile(rf"^/(?:(?:{languages})/)?(?:{sections})(?:/|$)")


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private_path = private_path()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.private_path.match(request.path_info) or signed_in(request):
            add_never_cache_headers(response)
        return response


def signed_in(request: HttpRequest) -> bool:
    """Without a session cookie nobody is signed in; asking the session
    would only add `Vary: Cookie` to every anonymous visitor's page."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)
