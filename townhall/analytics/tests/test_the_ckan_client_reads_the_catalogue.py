"""The real `ckanapi` client, over HTTP, against Townhall's live server."""

import json

import pytest
from ckanapi import NotFound, RemoteCKAN, ValidationError


@pytest.fixture
def ckan(live_server, transactional_db):
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    client = RemoteCKAN(live_server.url)
    yield client
    client.close()


@pytest.fixture(params=["api/action/", "api/3/action/"])
def base(request, ckan):
    ckan.base_url = request.param  # CKAN's unversioned alias, and the /api/3 contract
    return ckan


def test_the_client_lists_shows_and_searches_datasets(base):
    names = base.action.package_list()
    assert "service-performance-tax-return" in names
    package = base.action.package_show(id="service-performance-tax-return")
    assert package["license_id"] == "CC-BY-4.0"
    assert {r["format"] for r in package["resources"]} == {"CSV", "JSON"}
    found = base.action.package_search(q="performance tax", rows=5)
    assert found["count"] >= 1
    assert "service-performance-tax-return" in [p["name"] for p in found["results"]]
    assert base.action.package_search(q="xylophone")["count"] == 0
    [org] = base.action.organization_list()
    assert package["organization"]["name"] == org
    resource = base.action.resource_show(id=package["resources"][0]["id"])
    assert resource["package_id"] == package["id"]


def test_unknown_ids_and_bad_parameters_get_ckan_errors(base):
    with pytest.raises(NotFound):
        base.action.package_show(id="no-such-dataset")
    with pytest.raises(NotFound):
        base.action.resource_show(id="no-such-resource")
    with pytest.raises(ValidationError):
        base.action.package_show()
    with pytest.raises(ValidationError):
        base.action.package_search(rows="many")


def test_get_requests_and_the_resource_urls_work(ckan, live_server, client):
    getter = RemoteCKAN(live_server.url, get_only=True)
    getter.base_url = "api/3/action/"
    package = getter.action.package_show(id="service-performance-tax-return")
    getter.close()
    monthly = package["resources"][0]["url"].split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + monthly)
    assert response.status_code == 200
    assert response.content.decode().startswith("start,started,")


def test_the_dcat_catalogue_lists_the_same_datasets(ckan, client):
    response = client.get("/open-data/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    ids = [d["dct:identifier"] for d in catalogue["dcat:dataset"]]
    assert sorted(ids) == sorted(ckan.action.package_list())
    assert all(d["dcat:distribution"] for d in catalogue["dcat:dataset"])
