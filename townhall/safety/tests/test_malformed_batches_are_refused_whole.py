"""A batch that breaks the agreed shape is refused whole with a message that
names the problem, and nothing of it is stored (fuzzed with hypothesis)."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from townhall.safety.batch import BatchError, batch_from_json, batch_parse
from townhall.safety.models import IngestCount, Reading
from townhall.safety.tests.conftest import sensor_make

T = int(time.time()) - 3600
GOOD = {"sensor": "riv-1", "time": T, "value": 1.0}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", 'object with a "readings" list'),
        (b'{"readings": []}', "no readings"),
        (b'{"readings": {}}', "must be a list"),
        (b'{"readings": [1]}', "reading 0: must be an object"),
        (json.dumps({"readings": [GOOD, {**GOOD, "value": "1.0"}]}).encode(), "reading 1: value"),
        (json.dumps({"readings": [GOOD, {**GOOD, "value": True}]}).encode(), "reading 1: value"),
        (b'{"readings": [{"sensor": "riv-1", "time": 1, "value": NaN}]}', "NaN"),
        (json.dumps({"readings": [{**GOOD, "time": "yesterday"}]}).encode(), "ISO 8601"),
        (json.dumps({"readings": [{**GOOD, "time": "2026-11-26T10:00"}]}).encode(), "UTC offset"),
        (json.dumps({"readings": [{**GOOD, "time": -5}]}).encode(), "plausible"),
        (json.dumps({"readings": [{"time": T, "value": 1}]}).encode(), "sensor must be"),
        (json.dumps({"readings": [{"sensor": "riv-1", "value": 1}]}).encode(), "time is missing"),
        (json.dumps({"readings": [{"sensor": "riv-1", "time": T}]}).encode(), "value is missing"),
        (json.dumps({"readings": [{**GOOD, "valeu": 2}]}).encode(), "unknown field(s) valeu"),
        (json.dumps({"readings": [GOOD], "extra": 1}).encode(), "unknown field(s) in the batch"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_names_the_problem_and_stores_nothing(network_with_key, post_batch, body, message):
    network, key = network_with_key
    sensor_make(network, "riv-1")
    response = post_batch(key, body, raw=True)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Reading.objects.exists()
    assert not IngestCount.objects.exists()


@pytest.mark.django_db
def test_an_oversized_batch_is_refused(network_with_key, post_batch, settings):
    network, key = network_with_key
    sensor_make(network, "riv-1")
    settings.SAFETY_MAX_BATCH = 3
    body = {"readings": [{**GOOD, "time": T + i} for i in range(4)]}
    response = post_batch(key, body)
    assert response.status_code == 400
    assert "most allowed is 3" in response.json()["error"]
    assert not Reading.objects.exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["sensor", "time", "value", "readings", "x"]), children)
    ),
    max_leaves=12,
)


@given(st.binary(max_size=200))
def test_parsing_arbitrary_bytes_never_raises_anything_else(data):
    try:
        batch_parse(batch_from_json(data), max_readings=100)
    except BatchError as exc:
        assert str(exc)


@given(json_values)
def test_parsing_arbitrary_json_gives_readings_or_one_clear_error(payload):
    try:
        readings = batch_parse(payload, max_readings=100)
    except BatchError as exc:
        assert str(exc)
    else:
        assert readings and all(isinstance(r.ts, int) for r in readings)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    readings=st.lists(
        st.fixed_dictionaries(
            {
                "sensor": st.sampled_from(["riv-1", "riv-2", "ghost"]),
                "time": st.integers(min_value=T - 86_400, max_value=T + 86_400)
                | st.text(max_size=8),
                "value": st.none()
                | st.floats(allow_nan=False, allow_infinity=False)
                | st.text(max_size=3),
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_fuzzed_batches_are_stored_whole_or_refused_whole(network_with_key, post_batch, readings):
    network, key = network_with_key
    for code in ("riv-1", "riv-2"):
        if not network.sensors.filter(code=code).exists():
            sensor_make(network, code)
    before = Reading.objects.count()
    response = post_batch(key, {"readings": readings})
    assert response.status_code in (200, 400)
    after = Reading.objects.count()
    if response.status_code == 400:
        assert after == before
    else:
        data = response.json()
        assert after - before == data["stored"]
        assert data["stored"] + len(data["rejected"]) == len(readings)
