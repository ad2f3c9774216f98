"""Each service's answers as a JSON Schema (draft 2020-12) that accepts its own example."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, ValidationError

from townhall.catalog.definition import Service, answers_json_schema, load_services
from townhall.catalog.tests.helpers import TODAY

SLUGS = sorted(load_services())


@pytest.mark.parametrize("slug", SLUGS)
def test_the_schema_is_valid_and_accepts_its_example(
    services: dict[str, Service], slug: str
) -> None:
    schema = answers_json_schema(services[slug], today=TODAY)

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    examples = schema["examples"]
    assert isinstance(examples, list) and len(examples) == 1
    Draft202012Validator(schema).validate(examples[0])
    json.dumps(schema)  # plain JSON: no Decimal, no date


def test_the_schema_rejects_wrong_shapes(tax: Service) -> None:
    schema = answers_json_schema(tax, today=TODAY)
    example = dict(schema["examples"][0])  # type: ignore[index]
    validator = Draft202012Validator(schema)

    for key, value in [
        ("filing_status", "married"),
        ("employment_income", "12.345"),
        ("is_amendment", "no"),
        ("not_a_question", 1),
    ]:
        with pytest.raises(ValidationError):
            validator.validate(example | {key: value})


def test_the_schema_marks_sensitive_and_conditional_answers(tax: Service) -> None:
    properties = answers_json_schema(tax, today=TODAY)["properties"]
    assert isinstance(properties, dict)

    assert properties["national_id"]["x-sensitive"] is True
    assert properties["employment_income"]["x-sensitive"] is True
    assert properties["amends"]["x-show-if"] == {"var": "is_amendment"}
    assert "amends" not in answers_json_schema(tax, today=TODAY)["required"]  # type: ignore[operator]
    item = properties["dependants"]["items"]["properties"]
    assert item["dependant_date_of_birth"]["x-sensitive"] is True
