"""Submitting appends a case.submitted entry to the ledger in the same
transaction: with the reference, the service and its version, and nothing
personal. A submission rolled back leaves no entry."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from townhall.cases.models import Application
from townhall.cases.services import application_submit
from townhall.cases.tests.helpers import draft_for
from townhall.ledger.models import Entry

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def test_submitting_appends_case_submitted(catalogue, resident):
    draft = draft_for(resident)
    submitted = application_submit(application=draft, idempotency_key="k")

    entry = json.loads(bytes(Entry.objects.get(index=submitted.submitted_ledger_index).body))
    assert entry["kind"] == "case.submitted"
    assert entry["subject"] == f"application:{submitted.reference}"
    assert entry["payload"] == {
        "reference": submitted.reference,
        "service": "tax-return",
        "version": submitted.service_version.version,
    }
    assert entry["actor"] is None
    text = json.dumps(entry)
    for personal in (resident.email, resident.full_name, resident.pseudonym, "Alex Rivera"):
        assert personal not in text


def test_a_rolled_back_submission_leaves_no_entry(catalogue, resident):
    draft = draft_for(resident)
    entries = Entry.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        application_submit(application=draft, idempotency_key="k")
        raise Boom
    assert Entry.objects.count() == entries
    assert Application.objects.get(pk=draft.pk).is_draft
