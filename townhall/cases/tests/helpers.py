"""Walking a service's form the way a browser does: page by page, with the
posted field names the templates use, and the files uploaded on the way."""

from __future__ import annotations

import copy
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.catalog.definition import Question, Service, example_answers, load_services

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
NOT_A_PDF = b"This is plain text pretending to be a PDF.\n"

_SERVICES: dict[str, Service] = {}


def service(slug: str) -> Service:
    if not _SERVICES:
        _SERVICES.update(load_services())
    return _SERVICES[slug]


def answers_for(slug: str, **changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(example_answers(service(slug)))
    answers.update(changes)
    return answers


def pdf(name: str = "proof.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def acceptable_file(svc: Service, question: Question) -> SimpleUploadedFile:
    """A small file of a type the question's document accepts."""
    accept = svc.document(str(question.document)).accept
    if "pdf" in accept:
        return pdf(f"{question.id}.pdf")
    return SimpleUploadedFile(f"{question.id}.png", PNG, content_type="image/png")


def field_data(question: Question, name: str, value: Any) -> dict[str, Any]:
    """The form fields a browser posts for one answer (JSON value)."""
    kind = question.type
    if value is None or kind == "file":
        return {}
    if kind == "date":
        year, month, day = str(value).split("-")
        return {
            f"{name}-day": str(int(day)),
            f"{name}-month": str(int(month)),
            f"{name}-year": year,
        }
    if kind == "address":
        return {f"{name}-{part}": text for part, text in value.items()}
    if kind == "yes_no":
        return {name: "yes" if value else "no"}
    if kind == "choices":
        return {name: list(value)}
    if kind == "repeat":
        data: dict[str, Any] = {f"{name}-count": str(len(value))}
        for index, item in enumerate(value):
            for inner in question.questions:
                data.update(field_data(inner, f"{name}-{index}-{inner.id}", item.get(inner.id)))
        return data
    return {name: str(value)}


def page_data(svc: Service, page_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    page = next(p for p in svc.pages if p.id == page_id)
    data: dict[str, Any] = {"action": "continue"}
    for question in page.questions:
        data.update(field_data(question, question.id, answers.get(question.id)))
        if question.type == "file" and question.id in answers:
            data[question.id] = acceptable_file(svc, question)
    return data


PAGE_URL = re.compile(r"/services/(?P<slug>[^/]+)/apply/(?P<ref>[^/]+)/(?P<page>[a-z0-9_]+)/")


def walk_to_check(client: Any, slug: str, answers: dict[str, Any] | None = None) -> str:
    """Start (or resume) an application and answer every page; the check page's URL."""
    svc = service(slug)
    answers = answers if answers is not None else answers_for(slug)
    response = client.get(f"/services/{slug}/apply/")
    assert response.status_code == 302, response.content
    url = response["Location"]
    for _ in range(len(svc.pages) + 1):
        if url.endswith("/check/"):
            return url
        match = PAGE_URL.search(url)
        assert match, url
        response = client.post(url, page_data(svc, match["page"], answers))
        assert response.status_code == 302, _errors(response)
        url = response["Location"]
    raise AssertionError(f"never reached the check page: {url}")


def _errors(response: Any) -> str:
    text = response.content.decode()
    found = re.findall(r'govuk-error-summary__list">(.*?)</ul>', text, re.S)
    return found[0] if found else text[:2000]


def submit(client: Any, check_url: str) -> Any:
    """Go from the check page through the declaration; the response to the submit."""
    response = client.get(check_url)
    assert response.status_code == 200
    declaration = check_url.replace("/check/", "/declaration/")
    page = client.get(declaration)
    assert page.status_code == 200
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.content.decode())
    assert key, page.content.decode()
    return client.post(declaration, {"idempotency_key": key[1]})


def reference_of(url: str) -> str:
    match = re.search(r"/apply/([^/]+)/", url)
    assert match, url
    return match[1]


def draft_for(user: Any, slug: str = "tax-return", **changes: Any) -> Any:
    """A draft with the service's example answers, but no files (tax-return needs none)."""
    from townhall.cases.services import application_start
    from townhall.catalog.selectors import service_version_current

    version = service_version_current(slug=slug)
    assert version is not None, "load the catalogue first"
    answers = answers_for(slug, **changes)
    for question in service(slug).questions():
        if question.type == "file":  # files are only ever uploaded
            answers.pop(question.id, None)
    return application_start(service_version=version, applicant=user, answers=answers)
