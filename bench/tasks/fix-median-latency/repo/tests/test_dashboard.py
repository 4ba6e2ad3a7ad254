from latency.dashboard import panel, parse_log_line, per_endpoint


def test_parse() -> None:
    assert parse_log_line("GET /api 200 12.5ms") == ("GET /api", 12.5)


def test_odd_count() -> None:
    assert panel([30, 10, 20])["median"] == 20


def test_even_count() -> None:
    assert panel([40, 10, 30, 20])["median"] == 25


def test_per_endpoint() -> None:
    lines = ["GET /a 200 10ms", "GET /a 200 20ms", "POST /b 201 5ms"]
    assert per_endpoint(lines)["GET /a"]["median"] == 15
