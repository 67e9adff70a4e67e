"""Notices to an account that has no email address, on its proven number.

Only text the site writes (a decision's subject, a link to the dashboard)
goes this way, never text a visitor wrote, and only to a number the account
proved with a code. With WhatsApp, a notice outside a conversation needs an
approved template with one body parameter (WHATSAPP_NOTICE_TEMPLATE); without
one, WhatsApp notices are not sent."""

import logging

from django.conf import settings

from directory.messaging.senders import SendFailed, send

logger = logging.getLogger(__name__)


def notify_by_phone(*, user, text: str) -> bool:
    """Sends `text` (one line) to `user`'s proven number. False when the
    account has none, no sender can deliver it, or the provider failed: a
    notice is never worth an error."""
    if not getattr(user, "phone", None) or not user.phone_verified:
        return False
    if settings.OTP_SENDER == "whatsapp" and not settings.WHATSAPP_NOTICE_TEMPLATE:
        return False
    line = " ".join(text.split())
    try:
        send(user.phone, line, template=settings.WHATSAPP_NOTICE_TEMPLATE, parameters=[line])
    except SendFailed as error:
        logger.warning("Notice to account %s not sent: %s", user.pk, error)
        return False
    return True
