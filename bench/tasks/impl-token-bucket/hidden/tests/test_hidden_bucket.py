from throttle.bucket import TokenBucket


def test_never_above_capacity() -> None:
    bucket = TokenBucket(capacity=3, rate=1)
    assert bucket.allow(100.0, cost=3)
    assert not bucket.allow(100.0)


def test_failed_take_keeps_tokens() -> None:
    bucket = TokenBucket(capacity=4, rate=0)
    assert not bucket.allow(0.0, cost=5)
    assert bucket.tokens == 4
    assert bucket.allow(0.0, cost=4)


def test_earlier_time_changes_nothing() -> None:
    bucket = TokenBucket(capacity=2, rate=1, now=10.0)
    assert bucket.allow(10.0, cost=2)
    assert not bucket.allow(5.0)
    assert bucket.updated == 10.0
    assert bucket.tokens == 0


def test_updated_moves_forward() -> None:
    bucket = TokenBucket(capacity=10, rate=4)
    bucket.allow(0.0, cost=10)
    bucket.allow(0.5, cost=1)
    assert bucket.updated == 0.5
    assert bucket.tokens == 1


def test_zero_rate_never_refills() -> None:
    bucket = TokenBucket(capacity=1, rate=0)
    assert bucket.allow(0.0)
    assert not bucket.allow(1000.0)
