import pytest

from townhall.notify.backoff import retry_delay


def test_each_wait_is_twice_the_last_until_the_cap():
    waits = [retry_delay(n, base_seconds=60, cap_seconds=1000) for n in range(1, 7)]
    assert waits == [60, 120, 240, 480, 960, 1000]
    assert retry_delay(10_000, base_seconds=60) == 6 * 60 * 60


def test_it_refuses_nonsense():
    with pytest.raises(ValueError, match="attempts"):
        retry_delay(0, base_seconds=60)
    with pytest.raises(ValueError, match="base_seconds"):
        retry_delay(1, base_seconds=0)
