from django.db import migrations, models

from directory.places.english import PROVINCES, regency_in_english
from directory.search.index import normalize


def fill_english_names(apps, schema_editor):
    """Existing regions get their English names; the fixture carries them for new databases."""
    Province = apps.get_model("directory", "Province")
    Regency = apps.get_model("directory", "Regency")
    for province in Province.objects.all():
        province.name_en = PROVINCES.get(province.code, "")
        province.save(update_fields=["name_en"])
    for regency in Regency.objects.all():
        regency.name_en = regency_in_english(regency.name)
        regency.save(update_fields=["name_en"])
    # Searching "east java" finds the businesses already listed there.
    Business = apps.get_model("directory", "Business")
    for business in Business.objects.select_related("province", "regency"):
        english = [place.name_en for place in (business.regency, business.province) if place and place.name_en]
        if english:
            business.search_document = f"{business.search_document} {normalize(' '.join(english))}".strip()
            business.save(update_fields=["search_document"])


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0024_moderators_merge_duplicates'),
    ]

    operations = [
        migrations.AddField(
            model_name='province',
            name='name_en',
            field=models.CharField(blank=True, max_length=100, verbose_name='name in English'),
        ),
        migrations.AddField(
            model_name='regency',
            name='name_en',
            field=models.CharField(blank=True, max_length=100, verbose_name='name in English'),
        ),
        migrations.RunPython(fill_english_names, migrations.RunPython.noop),
    ]
