import pytest

from fetchy.backoff import delays
from fetchy.client import Client, Response


def test_delays() -> None:
    assert delays(1) == []
    assert delays(2) == [0.5]
    assert delays(4) == [0.5, 1.0, 2.0]
    assert delays(8, cap=10) == [0.5, 1.0, 2.0, 4.0, 8.0, 10, 10]
    with pytest.raises(ValueError):
        delays(0)


def test_gives_up_after_max_attempts() -> None:
    calls = []

    def send(path: str) -> Response:
        calls.append(path)
        return Response(500)

    assert Client(send, max_attempts=5).get("/y").status == 500
    assert len(calls) == 5


def test_not_retryable_stops() -> None:
    calls = []

    def send(path: str) -> Response:
        calls.append(path)
        return Response(404)

    assert Client(send, max_attempts=4).get("/z").status == 404 and len(calls) == 1
