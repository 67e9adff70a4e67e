"""Moderators bring in the lists communities keep: importing businesses in
the admin needs the right to add them. Still no deletes, no accounts."""

from django.db import migrations

GROUP = "Moderator"
CODENAMES = ["add_business"]


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.add(*Permission.objects.filter(content_type__app_label="directory", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="directory", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_inquiries_and_profile_views")]

    operations = [migrations.RunPython(grant, revoke)]
