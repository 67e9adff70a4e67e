"""A business's row keeps its long columns (the search vector, the facet keys,
the description) in the row itself up to a whole page, instead of moving them
to PostgreSQL's side (TOAST) table once a row passes 2 kB, as most rows of a
described business do.

A listing that combines a search with a filter checks each candidate row
against the search again (the facet keys' index cannot answer alone), and
ranking reads the search vector several times per match: out of line, each
reading is a lookup in the side table, about four pages a row. Rows written
before this migration move into line when they are next written; `VACUUM
FULL directory_business` moves them all at once (docs/speed.md)."""

from django.db import migrations

FORWARD = "ALTER TABLE directory_business SET (toast_tuple_target = 8160)"
BACKWARD = "ALTER TABLE directory_business RESET (toast_tuple_target)"


def run_on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0046_board_open_newest"),
    ]

    operations = [migrations.RunPython(run_on_postgres(FORWARD), run_on_postgres(BACKWARD))]
