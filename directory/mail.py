"""Sending mail: in the recipient's language, and logged rather than raised
when the mail server refuses, so a decision is never lost to a mail error."""

import logging
import smtplib

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.utils import translation

logger = logging.getLogger(__name__)


def send_or_log(message: EmailMessage, about: str) -> bool:
    """Sends a mail that tells of a decision already stored. The decision
    stands when the mail server is down, and the dashboard shows it too: the
    failure is logged, and the moderator's page is not turned into an error."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not email %s about %s.", ", ".join(message.to), about, exc_info=True)
        return False
    return True


def in_language_of(user: AbstractBaseUser | None):
    """Reasons are written for the claimant, in the language they chose."""
    return translation.override(user.language if user else None)
