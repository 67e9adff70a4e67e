"""Hourly reminder job, for cron:

    python manage.py remind_unanswered

Mails each owner the messages to their businesses left unanswered for 48
hours, once per message, in the owner's language with a link to the inbox
(directory.connect.reminders). Running it again sends nothing new.
"""

from django.core.management.base import BaseCommand

from directory.connect.reminders import unanswered_remind


class Command(BaseCommand):
    help = "Remind owners of messages unanswered for 48 hours, once per message. Idempotent: safe to run hourly."

    def handle(self, *args, **options):
        reminded = unanswered_remind()
        for owner, inquiries in reminded:
            self.stdout.write(f"Reminded {owner} of {len(inquiries)} unanswered message(s).")
        self.stdout.write(self.style.SUCCESS(f"{len(reminded)} owner(s) reminded."))
