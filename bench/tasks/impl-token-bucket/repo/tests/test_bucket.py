from throttle.bucket import TokenBucket


def test_starts_full_then_runs_out() -> None:
    bucket = TokenBucket(capacity=2, rate=1)
    assert bucket.allow(0.0)
    assert bucket.allow(0.0)
    assert not bucket.allow(0.0)


def test_refills_over_time() -> None:
    bucket = TokenBucket(capacity=1, rate=2)
    assert bucket.allow(0.0)
    assert not bucket.allow(0.25)
    assert bucket.allow(0.5)
