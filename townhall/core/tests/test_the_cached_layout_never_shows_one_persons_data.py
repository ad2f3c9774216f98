"""The layout's cached fragments (header, banner, footer) are the same for
everyone in a language: each person still gets their own sign-out form and
CSRF token, staff links only for staff, and no fragment holds anything of
the person it was first drawn for."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.test import Client

from conftest import PASSWORD, totp_now

TOKEN = re.compile(
    r'action="/account/sign-out/"[^>]*>\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)


@pytest.fixture(autouse=True)
def empty_fragments():
    caches["template_fragments"].clear()


def _signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _sign_out_token(client: Client, path: str = "/account/") -> str:
    page = client.get(path).content.decode()
    found = TOKEN.search(page)
    assert found, page
    return found[1]


def test_each_person_signs_out_with_their_own_token(resident, other_resident):
    rosa, omar = _signed_in(resident), _signed_in(other_resident)
    rosa_token, omar_token = _sign_out_token(rosa), _sign_out_token(omar)

    assert rosa_token != omar_token
    # Another person's token does not fit this browser's CSRF cookie…
    assert omar.post("/account/sign-out/", {"csrfmiddlewaretoken": rosa_token}).status_code == 403
    # …and each person's own does.
    assert rosa.post("/account/sign-out/", {"csrfmiddlewaretoken": rosa_token}).status_code == 302
    assert omar.post("/account/sign-out/", {"csrfmiddlewaretoken": omar_token}).status_code == 302


def test_no_cached_fragment_holds_a_persons_data(resident, other_resident):
    clients = [_signed_in(resident), _signed_in(other_resident)]
    pages = [client.get("/account/").content.decode() for client in clients]
    for client in clients:
        client.get("/services/")
        client.get("/privacy/")
    assert "Rosa Resident" in pages[0] and "Omar Other" in pages[1]

    personal = [
        value.encode()
        for person, client in zip((resident, other_resident), clients, strict=True)
        for value in (
            person.email,
            person.full_name,
            client.cookies["townhall_session"].value,
            client.cookies["townhall_csrf"].value,
            _sign_out_token(client),
        )
    ]
    # LocMemCache has no public way to list its entries; its pickles keep
    # strings as UTF-8 bytes, so a search of them finds any that leaked in.
    fragments = list(caches["template_fragments"]._cache.values())
    assert len(fragments) >= 4  # header, sign-out, banner, footer, at least
    for fragment in fragments:
        for value in personal:
            assert value not in fragment


def test_only_staff_get_the_staff_link(resident, caseworker):
    staff = Client()
    staff.post("/account/sign-in/", {"username": caseworker.email, "password": PASSWORD})
    staff.post("/account/sign-in/code/", {"code": totp_now(caseworker)})
    assert 'href="/staff/"' in staff.get("/services/").content.decode()

    page = _signed_in(resident).get("/services/").content.decode()

    assert 'href="/staff/"' not in page
    assert "Your applications" in page


def test_visitors_get_the_sign_in_links_after_a_resident(client, resident):
    _signed_in(resident).get("/privacy/")

    page = client.get("/privacy/").content.decode()

    assert "Sign out" not in page
    assert 'href="/account/sign-in/"' in page
