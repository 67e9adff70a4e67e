from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_collaboration_posts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="moderationlog",
            name="action",
            field=models.CharField(
                choices=[
                    ("submitted", "submitted for review"),
                    ("approved", "approved"),
                    ("rejected", "rejected"),
                    ("changes_requested", "changes requested"),
                    ("verified", "verified"),
                    ("unverified", "verification removed"),
                    ("featured", "featured"),
                    ("unfeatured", "no longer featured"),
                    ("suspended", "suspended"),
                    ("restored", "restored"),
                    ("change_approved", "change approved"),
                    ("change_rejected", "change rejected"),
                    ("claim_approved", "claim approved"),
                    ("claim_rejected", "claim rejected"),
                    ("imported", "imported"),
                    ("merged", "merged"),
                    ("reminded", "reminded to confirm"),
                    ("post_approved", "collaboration post approved"),
                    ("post_rejected", "collaboration post rejected"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
    ]
