from django.db import migrations, models

# The facet keys are matched with ?| (has_any_keys); PostgreSQL answers that
# from a GIN index. SQLite reads its small table directly.
FORWARD = "CREATE INDEX IF NOT EXISTS business_facet_keys ON directory_business USING gin (facet_keys)"
BACKWARD = "DROP INDEX IF EXISTS business_facet_keys"

FILL = """
UPDATE directory_business b SET facet_keys = (
    SELECT jsonb_object_agg(k, 1) FROM (
        SELECT 'stage:' || b.stage
        UNION SELECT 'province:' || b.province_id
        UNION SELECT 'regency:' || b.regency_id WHERE b.regency_id IS NOT NULL
        UNION SELECT 'sentra:' || s.slug FROM directory_sentra s WHERE s.id = b.sentra_id
        UNION SELECT 'size:' || b.size WHERE b.size <> ''
        UNION SELECT 'export:1' WHERE b.export_ready
        UNION SELECT 'verified:1' WHERE b.verified
        UNION SELECT 'role:' || r.slug FROM directory_business_roles t JOIN directory_role r ON r.id = t.role_id
            WHERE t.business_id = b.id
        UNION SELECT 'category:' || c.slug FROM directory_business_categories t
            JOIN directory_productcategory c ON c.id = t.productcategory_id WHERE t.business_id = b.id
        UNION SELECT 'certification:' || c.slug FROM directory_business_certifications t
            JOIN directory_certification c ON c.id = t.certification_id WHERE t.business_id = b.id
        UNION SELECT 'tag:' || g.slug FROM taggit_taggeditem t JOIN taggit_tag g ON g.id = t.tag_id
            JOIN django_content_type ct ON ct.id = t.content_type_id
            WHERE ct.app_label = 'directory' AND ct.model = 'business' AND t.object_id = b.id
    ) AS keys (k)
)
"""


def run_on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def fill_elsewhere(apps, schema_editor):
    """SQLite databases are small: fill the keys row by row, as
    directory.search.facet_keys_for() does."""
    if schema_editor.connection.vendor == "postgresql":
        return
    Business = apps.get_model("directory", "Business")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="directory", model="business").first()
    businesses = Business.objects.select_related("sentra").prefetch_related("roles", "categories", "certifications")
    for business in businesses:
        keys = [f"stage:{business.stage}", f"province:{business.province_id}"]
        keys += [f"regency:{business.regency_id}"] if business.regency_id else []
        keys += [f"sentra:{business.sentra.slug}"] if business.sentra_id else []
        keys += [f"size:{business.size}"] if business.size else []
        keys += ["export:1"] if business.export_ready else []
        keys += ["verified:1"] if business.verified else []
        keys += [f"role:{row.slug}" for row in business.roles.all()]
        keys += [f"category:{row.slug}" for row in business.categories.all()]
        keys += [f"certification:{row.slug}" for row in business.certifications.all()]
        if content_type:
            tagged = TaggedItem.objects.filter(content_type=content_type, object_id=business.pk)
            keys += [f"tag:{slug}" for slug in tagged.values_list("tag__slug", flat=True)]
        Business.objects.filter(pk=business.pk).update(facet_keys=dict.fromkeys(keys, 1))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_business_claims"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="business",
            name="facet_keys",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(run_on_postgres([FORWARD, FILL]), run_on_postgres([BACKWARD])),
        migrations.RunPython(fill_elsewhere, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="business",
            index=models.Index(
                condition=models.Q(("status", "published")), fields=["search_name"], name="business_public_search_name"
            ),
        ),
    ]
