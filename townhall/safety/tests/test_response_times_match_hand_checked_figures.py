"""Response-time figures per incident type and area, checked by hand: the
median and 90th percentile (linear interpolation between ranks) of minutes
from opening to each step, over only the incidents that reached that step."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.safety.models import Incident
from townhall.safety.selectors import percentile, summarise


def test_percentile_and_median_by_hand():
    assert percentile([10, 20, 30, 40], 0.9) == pytest.approx(37.0)  # rank 2.7: 30 + 0.7 × 10
    assert percentile([10, 20, 30, 40], 0.5) == pytest.approx(25.0)
    assert percentile([7], 0.9) == 7
    figures = summarise([40, 10, 30, 20])
    assert (figures.count, figures.median, figures.p90) == (4, 25, pytest.approx(37.0))
    assert summarise([]).median is None


def _incident(number, *, kind, area, ack=None, on_scene=None, resolved=None):
    opened = timezone.now() - timedelta(days=2)

    def after(minutes):
        return None if minutes is None else opened + timedelta(minutes=minutes)

    return Incident.objects.create(
        reference=f"INC-T-{number}",
        kind=kind,
        area=area,
        summary="test",
        source="operator",
        status="resolved" if resolved is not None else "new",
        opened_at=opened,
        acknowledged_at=after(ack),
        on_scene_at=after(on_scene),
        resolved_at=after(resolved),
    )


@pytest.fixture
def incidents(db):
    # Floods reach the scene after 10, 20, 30 and 40 minutes; a fifth flood
    # was resolved at once as a false alarm and never had a unit on scene.
    _incident(1, kind="flood", area="old-town", ack=1, on_scene=10, resolved=60)
    _incident(2, kind="flood", area="old-town", ack=2, on_scene=20, resolved=90)
    _incident(3, kind="flood", area="docklands", ack=3, on_scene=30)
    _incident(4, kind="flood", area="docklands", ack=4, on_scene=40)
    _incident(5, kind="flood", area="docklands", resolved=5)
    _incident(6, kind="traffic", area="old-town", ack=2, on_scene=7)


def _cells(page, group, step):
    start = page.index(f'data-group="{group}"')
    end = page.index("</tr>", start)
    row = page[start:end]
    median = row.split(f'data-step="{step}-median">')[1].split("<")[0]
    p90 = row.split(f'data-step="{step}-p90">')[1].split("<")[0]
    return median, p90


def test_the_page_shows_the_figures(incidents, operator, signed_in):
    client = signed_in(operator)
    page = client.get("/staff/safety/response-times/").content.decode()
    by_kind = page[page.index('id="times-by-kind"') : page.index('id="times-by-area"')]
    by_area = page[page.index('id="times-by-area"') :]
    assert _cells(by_kind, "flood", "on_scene_at") == ("25.0", "37.0")
    # Acknowledged: 1, 2, 3, 4 minutes → median 2.5, p90 at rank 2.7 = 3.7.
    assert _cells(by_kind, "flood", "acknowledged_at") == ("2.5", "3.7")
    assert _cells(by_kind, "traffic", "on_scene_at") == ("7.0", "7.0")
    # Docklands: on scene 30 and 40 → median 35, p90 at rank 0.9 = 39.
    assert _cells(by_area, "docklands", "on_scene_at") == ("35.0", "39.0")
    # Resolved in Old Town: 60, 90 (flood) → median 75, p90 87; the traffic one is open.
    assert _cells(by_area, "old-town", "resolved_at") == ("75.0", "87.0")
    assert "<svg" in page and 'id="times-chart-table"' in page


def test_the_csv_holds_the_same_figures(incidents, operator, signed_in):
    client = signed_in(operator)
    response = client.get("/staff/safety/response-times.csv?days=all")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    flood = next(r for r in rows if r["key"] == "flood" and r["step"] == "on_scene")
    assert (flood["incidents"], flood["count"], flood["median_minutes"], flood["p90_minutes"]) == (
        "5",
        "4",
        "25.0",
        "37.0",
    )
    traffic_dispatch = next(r for r in rows if r["key"] == "traffic" and r["step"] == "dispatched")
    assert (traffic_dispatch["count"], traffic_dispatch["median_minutes"]) == ("0", "")


def test_the_period_leaves_out_older_incidents(incidents, operator, signed_in):
    Incident.objects.filter(reference="INC-T-6").update(
        opened_at=timezone.now() - timedelta(days=100)
    )
    client = signed_in(operator)
    page = client.get("/staff/safety/response-times/?days=90").content.decode()
    assert 'data-group="traffic"' not in page
    page = client.get("/staff/safety/response-times/?days=365").content.decode()
    assert 'data-group="traffic"' in page
