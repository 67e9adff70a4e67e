from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0026_business_verification_evidence'),
    ]

    operations = [
        migrations.CreateModel(
            name='SitePage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=40, unique=True, verbose_name='slug')),
                ('title_id', models.CharField(max_length=120, verbose_name='title in Indonesian')),
                ('title_en', models.CharField(max_length=120, verbose_name='title in English')),
                ('body_id', models.TextField(help_text='Plain text. A blank line starts a new paragraph; a line starting with ## is a heading, with - a list item; [words](https://...) is a link.', verbose_name='text in Indonesian')),
                ('body_en', models.TextField(verbose_name='text in English')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last updated')),
            ],
            options={
                'verbose_name': 'site page',
                'verbose_name_plural': 'site pages',
                'ordering': ['slug'],
            },
        ),
    ]
