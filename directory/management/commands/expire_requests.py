"""Daily job, for cron:

    python manage.py expire_requests

Records as expired the open sourcing requests past their deadline. They
left the board and stopped taking quotes the day after it already (by their
date alone); this keeps their status true for staff and the figures."""

from django.core.management.base import BaseCommand

from directory.sourcing.services import expire_requests


class Command(BaseCommand):
    help = "Mark open sourcing requests past their deadline as expired. Idempotent: safe to run daily."

    def handle(self, *args, **options):
        count = expire_requests()
        self.stdout.write(self.style.SUCCESS(f"{count} request(s) expired."))
