from django.db import migrations

# "Newest first" sorts businesses without a publication date last. PostgreSQL
# needs an index in that exact order to page through it without sorting;
# SQLite cannot declare NULLS LAST in an index and sorts its small tables.
FORWARD = (
    'CREATE INDEX IF NOT EXISTS business_status_newest ON directory_business '
    '(status, published_at DESC NULLS LAST, id DESC)'
)
BACKWARD = "DROP INDEX IF EXISTS business_status_newest"


def run_on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_image_sizes_stored_explicitly")]

    operations = [migrations.RunPython(run_on_postgres(FORWARD), run_on_postgres(BACKWARD))]
