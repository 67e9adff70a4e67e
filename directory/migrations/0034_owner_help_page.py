"""The first text of the owners' help page, in both languages. Staff edit it
in the admin afterwards."""

from django.db import migrations

from directory.pages.help_text import HELP_PAGE


def create_page(apps, schema_editor):
    apps.get_model("directory", "SitePage").objects.update_or_create(slug=HELP_PAGE["slug"], defaults=HELP_PAGE)


def delete_page(apps, schema_editor):
    apps.get_model("directory", "SitePage").objects.filter(slug=HELP_PAGE["slug"]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0033_moderators_set_exchange_rates")]

    operations = [migrations.RunPython(create_page, delete_page)]
