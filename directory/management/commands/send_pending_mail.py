"""Sends the inquiry mail that could not be sent when the inquiry came in
(the mail server was down, say). Safe to run as often as wanted, from cron
every few minutes: a message that went out is never sent again.

    python manage.py send_pending_mail
"""

from django.core.management.base import BaseCommand

from directory.connect.inquiries import MAX_MAIL_ATTEMPTS, inquiry_send_pending_mail


class Command(BaseCommand):
    help = "Send inquiry mail that has not gone out yet."

    def handle(self, *args, **options):
        completed, failed = inquiry_send_pending_mail()
        self.stdout.write(
            f"{completed} inquiries mailed, {failed} still failing (tried up to {MAX_MAIL_ATTEMPTS} times)."
        )
