from pricecache.cache import TTLCache


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_fresh_value_is_served() -> None:
    clock = FakeClock()
    cache = TTLCache(60, clock)
    cache.put("EURUSD", 1.08)
    clock.now += 59
    assert cache.get("EURUSD") == 1.08


def test_rate_is_refetched_after_a_minute() -> None:
    clock = FakeClock()
    cache = TTLCache(60, clock)
    fetched = []
    rates = {"EURUSD": 1.08}

    def fetch(pair: str) -> float:
        fetched.append(pair)
        return rates[pair]

    assert cache.get_or_fetch("EURUSD", fetch) == 1.08
    rates["EURUSD"] = 1.09
    clock.now += 61
    assert cache.get_or_fetch("EURUSD", fetch) == 1.09
    assert fetched == ["EURUSD", "EURUSD"]
