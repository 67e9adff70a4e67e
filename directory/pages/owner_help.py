"""Help on every owner page: a link to the owners' help page and BPIPI's
WhatsApp helpline, wherever someone manages an account or a listing."""

from django.conf import settings
from django.http import HttpRequest

from directory.phones import phone_display

OWNER_AREAS = ("/dasbor/", "/akun/")


def is_owner_page(path: str) -> bool:
    path = path.removeprefix("/en")
    return path.startswith(OWNER_AREAS)


def owner_help(request: HttpRequest) -> dict:
    """Template context: `owner_help` on owner pages, with the helpline's
    wa.me address and the number as people read it."""
    if not is_owner_page(request.path):
        return {}
    number = settings.HELPLINE_WHATSAPP
    return {
        "owner_help": {
            "whatsapp_url": f"https://wa.me/{number}" if number else "",
            "whatsapp_display": phone_display("+" + number) if number else "",
        }
    }
