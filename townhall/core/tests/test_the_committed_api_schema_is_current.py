from pathlib import Path

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"


def test_the_schema_file_matches_the_code(db):
    generated = OpenApiYamlRenderer().render(SchemaGenerator().get_schema(public=True))
    assert SCHEMA.read_bytes() == generated, (
        "docs/api/openapi.yaml is out of date: run `make schema` and commit it"
    )


def test_the_schema_is_served_under_api_v1(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/auth/token" in response.content
