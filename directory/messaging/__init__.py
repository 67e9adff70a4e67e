"""Messaging: short messages to a phone number, over WhatsApp or SMS.

`send(number, text, ...)` is the one entry point; the sender behind it is
chosen by the OTP_SENDER setting (a file in development and tests, the
WhatsApp Business Platform's Cloud API or an SMS gateway in production).
A failed delivery raises `SendFailed`, which the pages turn into a clear
message to the person instead of an error page. `notify_by_phone(user=, text=)`
tells an account without an email address of something the site decided.

Send only to numbers proven to be the person's, and never text a visitor
wrote: the one exception is a sign-in code, which is how a number is proven.

May import: the shared core. Everything else may import it."""

from directory.messaging.notices import notify_by_phone
from directory.messaging.senders import SendFailed, send

__all__ = ["SendFailed", "notify_by_phone", "send"]
