"""The record types every installation starts with; managers change their
retention in the admin to match the council's own schedule."""

from django.db import migrations

TYPES = [
    (
        "case-document",
        "Case document",
        6,
        "Documents sent with an application: kept six years after they arrive, "
        "the usual limitation period for claims about a decision.",
    ),
    (
        "correspondence",
        "General correspondence",
        2,
        "Letters and emails not part of a case: kept two years.",
    ),
    (
        "archive-scan",
        "Scanned archive document",
        10,
        "Paper archives digitised by the council: kept ten years, then reviewed.",
    ),
    (
        "council-minutes",
        "Council minutes",
        0,
        "Minutes of council meetings are public records kept permanently.",
    ),
]


def forward(apps, schema_editor):
    RecordType = apps.get_model("records", "RecordType")
    for slug, name, years, basis in TYPES:
        RecordType.objects.get_or_create(
            slug=slug, defaults={"name": name, "retention_years": years, "legal_basis": basis}
        )


def backward(apps, schema_editor):
    RecordType = apps.get_model("records", "RecordType")
    RecordType.objects.filter(slug__in=[t[0] for t in TYPES], records__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_record_search"),
    ]

    operations = [migrations.RunPython(forward, backward)]
