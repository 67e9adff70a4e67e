"""The admin in the staff member's own language.

The public site takes its language from the address (`/en/` or none); the
admin has one address for everyone, so it follows the signed-in staff
member's `User.language` instead, which they choose from the admin's header
and which their emails already use. Before signing in, the admin follows the
browser, like Django's LocaleMiddleware.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

ADMIN_PREFIX = "/admin/"


class AdminLanguageMiddleware:
    """After AuthenticationMiddleware: on admin pages, a signed-in staff
    member's language replaces the one LocaleMiddleware chose; anyone else
    gets the browser's (LocaleMiddleware gives every address outside `/en/`
    Indonesian)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.path_info.startswith(ADMIN_PREFIX):
            if user is not None and user.is_staff:
                language = staff_language(user)
            else:
                language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def staff_language(user) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in codes else settings.LANGUAGE_CODE


@require_POST
@staff_member_required
def choose_admin_language(request: HttpRequest) -> HttpResponse:
    """Keeps the language a staff member picked in the admin's header, and
    returns them to the page they were on."""
    language = request.POST.get("language", "")
    if language in {code for code, _name in settings.LANGUAGES} and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("admin:index")
    return HttpResponseRedirect(back)
