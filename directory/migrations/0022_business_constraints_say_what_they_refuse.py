"""Every constraint of a business says in words what it refuses, so a form
that breaks one shows a clear message; the regency-within-province check is
written as a lookup on province_id (the same SQL), so Django skips it when a
form's province failed instead of raising FieldError."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0021_list_import"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="business",
            name="business_regency_within_province",
        ),
        migrations.AddConstraint(
            model_name="business",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("regency__isnull", True),
                    ("province_id", django.db.models.functions.text.Left("regency_id", 2)),
                    _connector="OR",
                ),
                name="business_regency_within_province",
                violation_error_message="This regency or city is not in the chosen province.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_status_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "pending", "published", "rejected", "suspended"])),
                name="business_status_valid",
                violation_error_message="Choose one of the listed statuses.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_stage_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("stage__in", ["hulu", "tengah", "hilir"])),
                name="business_stage_valid",
                violation_error_message="Choose a stage of the value chain: upstream, midstream or downstream.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_size_valid",
            constraint=models.CheckConstraint(
                condition=models.Q(("size", ""), ("size__in", ["micro", "small", "medium", "large"]), _connector="OR"),
                name="business_size_valid",
                violation_error_message="Choose one of the listed business sizes.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_rejection_has_reason",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "rejected"), _negated=True),
                    models.Q(("rejection_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="business_rejection_has_reason",
                violation_error_message="Give the owner a reason for the rejection.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_founded_year_plausible",
            constraint=models.CheckConstraint(
                condition=models.Q(("founded_year__isnull", True), ("founded_year__gte", 1900), _connector="OR"),
                name="business_founded_year_plausible",
                violation_error_message="The year founded cannot be before 1900.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="business",
            name="business_minimum_order_positive",
            constraint=models.CheckConstraint(
                condition=models.Q(("minimum_order__isnull", True), ("minimum_order__gte", 1), _connector="OR"),
                name="business_minimum_order_positive",
                violation_error_message="The minimum order is at least one pair.",
            ),
        ),
    ]
