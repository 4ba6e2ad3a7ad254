from ratelog.clients import ClientLimiter


def test_clients_are_separate() -> None:
    limiter = ClientLimiter(limit=1, period=60)
    assert limiter.allow("a", 0)
    assert not limiter.allow("a", 1)
    assert limiter.allow("b", 1)


def test_forget_idle() -> None:
    limiter = ClientLimiter(limit=1, period=60)
    limiter.allow("a", 0)
    limiter.allow("b", 50)
    assert limiter.forget_idle(70) == 1
    assert list(limiter.logs) == ["b"]
