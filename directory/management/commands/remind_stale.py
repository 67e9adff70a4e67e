"""Daily freshness job, for cron:

    python manage.py remind_stale

Mails the owners of published listings unconfirmed for 12 months (at most
once per reminder period) and removes the verified badge from listings
unconfirmed for 18 months. Running it again the same day does nothing new.
"""

from django.core.management.base import BaseCommand

from directory.stewardship import freshness


class Command(BaseCommand):
    help = (
        "Remind owners of listings unconfirmed for 12 months to confirm them, and remove the verified badge "
        "from listings unconfirmed for 18 months. Idempotent: safe to run daily."
    )

    def handle(self, *args, **options):
        # Badges first: their mail is also the owner's reminder for the period.
        unverified = freshness.stale_unverify()
        for business in unverified:
            self.stdout.write(f"Removed the verified badge from “{business.name}” (#{business.pk}).")
        reminded = freshness.stale_remind()
        for business in reminded:
            self.stdout.write(f"Reminded {business.owner.email} to confirm “{business.name}” (#{business.pk}).")
        self.stdout.write(
            self.style.SUCCESS(f"{len(reminded)} owner(s) reminded, {len(unverified)} listing(s) no longer verified.")
        )
