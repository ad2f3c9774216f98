import csv
import io

from django.utils import timezone

from conftest import PASSWORD, totp_now
from townhall.analytics.services import offline_transactions_set, service_cost_set


def sign_in(client, user):
    client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    if user.is_staff_member:
        client.post("/account/sign-in/code/", {"code": totp_now(user)})


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_public_page_shows_rates_and_withholds_small_ones(client, journeys):
    month = timezone.localdate().replace(day=1)
    offline_transactions_set(service_slug=journeys, month=month, count=1)
    service_cost_set(service_slug=journeys, month=month, amount="500")

    page = client.get(f"/performance/{journeys}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") == 8
    assert "83%" in html  # 10 completed of 12 started
    assert "90%" in html  # 9 digital of 10 transactions
    assert "50.00" in html  # 500 / 10 transactions
    assert "67%" not in html  # satisfaction rests on 3 answers: withheld
    assert "fewer than 10 people" in html

    [latest] = csv_rows(client.get(f"/performance/{journeys}/data.csv"))[-1:]
    assert latest["started"] == "12" and latest["completed"] == "10"
    assert latest["satisfaction"] == "" and latest["responses"] == ""
    assert latest["cost_per_transaction"] == "50.00"


def test_the_managers_dashboard_shows_every_figure(client, journeys, manager):
    sign_in(client, manager)
    assert client.get("/staff/analytics/").status_code == 200
    page = client.get(f"/staff/analytics/{journeys}/?by=week")
    assert page.status_code == 200
    assert "67%" in page.content.decode()  # 2 of 3 satisfied
    [latest] = csv_rows(client.get(f"/staff/analytics/{journeys}/data.csv?by=week"))[-1:]
    assert latest["responses"] == "3" and latest["satisfied"] == "2"
    assert latest["digital_take_up"] == ""  # monthly only


def test_residents_and_caseworkers_cannot_open_the_dashboard(
    client, catalogue, resident, caseworker
):
    sign_in(client, caseworker)
    assert client.get("/staff/analytics/").status_code == 403
    client.logout()
    sign_in(client, resident)
    assert client.get("/staff/analytics/").status_code == 403


def test_unknown_services_and_periods_are_not_found(client, catalogue):
    assert client.get("/performance/no-such-service/").status_code == 404
    assert client.get("/performance/tax-return/?by=decade").status_code == 404


def test_the_index_lists_every_service(client, journeys):
    page = client.get("/performance/")
    assert page.status_code == 200
    assert f'href="/performance/{journeys}/"' in page.content.decode()
