"""PostgreSQL: trigram indexes for the people index's name search.

The search is `icontains` on the name and the original spelling, which PostgreSQL ran as a
sequential scan of every person (`UPPER(name) LIKE '%WORD%'`): 40 ms at 45,000 people. A GIN
index of pg_trgm over the same expressions answers it from the index. pg_trgm is a trusted
extension (PostgreSQL 13 and later: a database owner may create it); where it cannot be
created the migration says so and the search keeps working, unindexed. SQLite has nothing to
change: its LIKE reads the table, which is fast enough there.
"""

from django.db import migrations, transaction

INDEXES = {
    "person_name_trgm_idx": "name",
    "person_name_original_trgm_idx": "name_original",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:  # the extension is missing or may not be created here
        print(f"\n  pg_trgm not available ({error}); the people search stays unindexed.")
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON missions_person "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0030_region_visits"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
