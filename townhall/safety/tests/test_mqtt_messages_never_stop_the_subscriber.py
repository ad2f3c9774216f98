"""Whatever arrives on the topic, the MQTT handler counts it and carries on:
malformed payloads store nothing, good ones are stored whole (fuzzed)."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from townhall.safety.models import Reading
from townhall.safety.mqtt import Stats, message_ingest
from townhall.safety.tests.conftest import sensor_make

PATTERN = "townhall/sensors/+/readings"
T = int(time.time()) - 3600

payloads = st.one_of(
    st.binary(max_size=120),
    st.builds(
        lambda obj: json.dumps(obj).encode(),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=False)
            | st.text(max_size=10),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["time", "value", "sensor", "readings"]), children
                )
            ),
            max_leaves=8,
        ),
    ),
    st.builds(
        lambda t, v: json.dumps({"time": t, "value": v}).encode(),
        st.integers(min_value=T - 3600, max_value=T + 3600),
        st.none() | st.floats(min_value=-100, max_value=200),
    ),
)
topics = st.sampled_from(
    ["townhall/sensors/riv-1/readings", "townhall/sensors/ghost/readings", "other/topic", ""]
)


@pytest.mark.django_db
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(topic=topics, payload=payloads)
def test_any_message_is_counted_and_never_raises(network_with_key, topic, payload):
    network, _key = network_with_key
    if not network.sensors.exists():
        sensor_make(network, "riv-1")
    stats = Stats()
    before = Reading.objects.count()
    message_ingest(topic=topic, payload=payload, pattern=PATTERN, stats=stats)
    stored = Reading.objects.count() - before
    assert stats.messages == 1
    assert stats.errors == 0
    assert stored == stats.stored
    if stats.malformed:
        assert stored == 0
