"""The first text of the four basic pages, in both languages. Staff edit it
in the admin afterwards; {placeholders} are filled from the settings."""

from django.db import migrations

from directory.pages.first_text import PAGES


def create_pages(apps, schema_editor):
    SitePage = apps.get_model("directory", "SitePage")
    for page in PAGES:
        SitePage.objects.update_or_create(slug=page["slug"], defaults=page)


def delete_pages(apps, schema_editor):
    apps.get_model("directory", "SitePage").objects.filter(slug__in=[page["slug"] for page in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0027_site_pages")]

    operations = [migrations.RunPython(create_pages, delete_pages)]
