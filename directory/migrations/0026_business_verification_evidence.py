from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0025_place_names_in_english'),
    ]

    operations = [
        migrations.AddField(
            model_name='business',
            name='verification_method',
            field=models.CharField(blank=True, choices=[('document', 'document seen'), ('visit', 'site visit'), ('lab', "test at BPIPI's lab")], max_length=10, verbose_name='how it was verified'),
        ),
        migrations.AddField(
            model_name='business',
            name='verified_on',
            field=models.DateField(blank=True, null=True, verbose_name='verified on'),
        ),
    ]
