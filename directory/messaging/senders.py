"""The senders behind `send()`: one writes files, two speak HTTP.

Every sender takes the same message: the number (+62…), the text as a
person reads it, and, for WhatsApp, the name of an approved template and its
parameters (outside a conversation the person started, WhatsApp delivers
only approved templates). A sender that cannot deliver raises SendFailed.
"""

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SendFailed(Exception):
    """The message could not be handed to the provider."""


def send(number: str, text: str, *, template: str = "", parameters: Sequence[str] = (), code: str = "") -> None:
    """Send `text` to `number`. `template` and `parameters` are used where the
    channel needs an approved template (WhatsApp); `code`, when the message
    carries a one-time code, fills the template's copy-code button."""
    sender = import_string(SENDERS[settings.OTP_SENDER])
    sender(number, text, template=template, parameters=list(parameters), code=code)


def file_sender(number: str, text: str, *, template: str, parameters: list[str], code: str) -> None:
    """One file per message in MESSAGES_FILE_PATH, like Django's file mail
    backend: for development and tests, where nothing may leave the machine."""
    folder = Path(settings.MESSAGES_FILE_PATH)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    lines = [f"To: {number}", f"Template: {template}", f"Parameters: {json.dumps(parameters)}", "", text, ""]
    (folder / f"{stamp}-{number.lstrip('+')}.txt").write_text("\n".join(lines), encoding="utf-8")


def whatsapp_sender(number: str, text: str, *, template: str, parameters: list[str], code: str) -> None:
    """WhatsApp Business Platform Cloud API: POST <api>/<phone-number-id>/messages.
    With a template, its body takes `parameters` and, for an authentication
    template, its copy-code button takes `code`; without one, plain text
    (delivered only within 24 hours of the person writing to the business)."""
    if template:
        components = [{"type": "body", "parameters": [{"type": "text", "text": value} for value in parameters]}]
        if code:
            components.append(
                {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": code}]}
            )
        message = {
            "type": "template",
            "template": {"name": template, "language": {"code": settings.WHATSAPP_LANGUAGE}, "components": components},
        }
    else:
        message = {"type": "text", "text": {"body": text}}
    body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": number.lstrip("+"), **message}
    url = f"{settings.WHATSAPP_API_URL.rstrip('/')}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"
    _post(url, token=settings.WHATSAPP_TOKEN, body=body)


def sms_sender(number: str, text: str, *, template: str, parameters: list[str], code: str) -> None:
    """A generic SMS gateway: POST SMS_GATEWAY_URL with a bearer token and
    {"to": "+62…", "message": "…"}; any 2xx answer means accepted."""
    _post(settings.SMS_GATEWAY_URL, token=settings.SMS_GATEWAY_TOKEN, body={"to": number, "message": text})


def _post(url: str, *, token: str, body: dict) -> None:
    if not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"The message provider's address must start with https://, not {url!r}.")
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.MESSAGES_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode(errors="replace")
        logger.warning("Message provider refused the message: %s %s", error.code, detail)
        raise SendFailed(f"provider answered {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        logger.warning("Message provider out of reach: %s", error)
        raise SendFailed("provider out of reach") from error


SENDERS = {
    "file": "directory.messaging.senders.file_sender",
    "whatsapp": "directory.messaging.senders.whatsapp_sender",
    "sms": "directory.messaging.senders.sms_sender",
}
