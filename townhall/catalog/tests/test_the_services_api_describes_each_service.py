"""GET /api/v1/services/ lists the catalogue and GET /api/v1/services/<slug>/
describes one service, its answers as a JSON Schema whose `examples` holds a
complete, valid set of answers. Both are public; an unknown slug is a JSON 404."""

from __future__ import annotations

import jsonschema
import pytest
from rest_framework.test import APIClient

from townhall.catalog.definition import validate_answers
from townhall.catalog.tests.catalogue import SLUGS, publish


@pytest.fixture
def catalogue(db, services):
    publish(services)


@pytest.fixture
def api():
    return APIClient()


def test_the_list_has_every_service(api, catalogue, services):
    response = api.get("/api/v1/services/")

    assert response.status_code == 200
    listed = {item["slug"]: item for item in response.json()}
    assert sorted(listed) == sorted(SLUGS)
    parking = listed["parking-permit"]
    assert parking == {
        "slug": "parking-permit",
        "version": services["parking-permit"].version,
        "title": services["parking-permit"].title.en,
        "summary": services["parking-permit"].summary.en,
        "topic": "transport-and-parking",
        "url": "http://testserver/services/parking-permit/",
    }


def test_the_detail_outlines_the_service(api, catalogue, services):
    response = api.get("/api/v1/services/health-coverage/")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "health-coverage"
    assert (body["sla_days"], body["assurance"], body["currency"]) == (15, "substantial", "USD")
    assert body["has_eligibility_rules"] is True
    assert [page["id"] for page in body["pages"]] == [
        page.id for page in services["health-coverage"].pages
    ]
    household = body["pages"][1]
    members = household["questions"][1]
    assert (members["id"], members["type"], members["conditional"]) == ("members", "repeat", True)
    assert [item["id"] for item in members["questions"]] == [
        "member_name",
        "member_date_of_birth",
        "member_relationship",
    ]
    national_id = body["pages"][0]["questions"][2]
    assert (national_id["id"], national_id["sensitive"]) == ("national_id", True)
    assert body["documents"][0] == {
        "id": "proof_of_income",
        "title": "Proof of income",
        "hint": "Pay slips for the last month, a benefit letter or a pension statement.",
        "accept": ["pdf", "jpeg", "png"],
        "max_size_mb": 10,
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_the_example_answers_are_valid_for_their_schema(api, catalogue, services, slug):
    schema = api.get(f"/api/v1/services/{slug}/").json()["answers_schema"]

    jsonschema.Draft202012Validator.check_schema(schema)
    [example] = schema["examples"]
    jsonschema.Draft202012Validator(schema).validate(example)
    assert validate_answers(services[slug], example) == {}


def test_an_unknown_service_is_a_json_404(api, catalogue):
    response = api.get("/api/v1/services/no-such-service/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_signed_in_resident_reads_it_too(api, catalogue, resident):
    api.force_authenticate(resident)

    assert api.get("/api/v1/services/").status_code == 200
