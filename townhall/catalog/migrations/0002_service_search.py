"""Full-text search over the catalogue on SQLite: an FTS5 index kept by triggers.

On SQLite, `catalog_servicesearch` is an external-content FTS5 table over the
title, summary and search text of every stored version; triggers keep it in
step with `catalog_serviceversion` whatever writes to it (the publish service,
a flush between tests, a data fix in the shell). Porter stemming, so that
"permits" finds "permit", and diacritics folded, so that "licencia" finds
"licéncia".

On PostgreSQL this migration does nothing: the search builds a tsvector at
query time (townhall.catalog.selectors.services_search), which for a
catalogue of tens or hundreds of services costs less than keeping an index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE catalog_servicesearch USING fts5(
        title, summary, search_text,
        content='catalog_serviceversion', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER catalog_servicesearch_insert AFTER INSERT ON catalog_serviceversion BEGIN
        INSERT INTO catalog_servicesearch (rowid, title, summary, search_text)
        VALUES (new.id, new.title, new.summary, new.search_text);
    END
    """,
    """
    CREATE TRIGGER catalog_servicesearch_delete AFTER DELETE ON catalog_serviceversion BEGIN
        INSERT INTO catalog_servicesearch (catalog_servicesearch, rowid, title, summary, search_text)
        VALUES ('delete', old.id, old.title, old.summary, old.search_text);
    END
    """,
    """
    CREATE TRIGGER catalog_servicesearch_update
    AFTER UPDATE OF id, title, summary, search_text ON catalog_serviceversion BEGIN
        INSERT INTO catalog_servicesearch (catalog_servicesearch, rowid, title, summary, search_text)
        VALUES ('delete', old.id, old.title, old.summary, old.search_text);
        INSERT INTO catalog_servicesearch (rowid, title, summary, search_text)
        VALUES (new.id, new.title, new.summary, new.search_text);
    END
    """,
    "INSERT INTO catalog_servicesearch (catalog_servicesearch) VALUES ('rebuild')",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_servicesearch_update",
    "DROP TRIGGER IF EXISTS catalog_servicesearch_delete",
    "DROP TRIGGER IF EXISTS catalog_servicesearch_insert",
    "DROP TABLE IF EXISTS catalog_servicesearch",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD), elidable=False),
    ]
