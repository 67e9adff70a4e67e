"""Daily certificate job, for cron:

    python manage.py remind_certificates

Mails owners a month before a certificate expires (once per certificate and
expiry date) and takes certificates that have just expired out of the
listing's filters. Running it again the same day does nothing new.
"""

from django.core.management.base import BaseCommand

from directory.capabilities import reminders


class Command(BaseCommand):
    help = (
        "Remind owners a month before a certificate expires, and stop showing expired certificates. "
        "Idempotent: safe to run daily."
    )

    def handle(self, *args, **options):
        refreshed = reminders.expired_refresh()
        reminded = reminders.certificates_remind()
        for held in reminded:
            self.stdout.write(f"Reminded {held.business.owner.email} of {held.certification} (#{held.business_id}).")
        self.stdout.write(
            self.style.SUCCESS(f"{len(reminded)} owner(s) reminded, {len(refreshed)} listing(s) refreshed.")
        )
