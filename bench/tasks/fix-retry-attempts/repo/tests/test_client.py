from fetchy.client import Client, Response


def flaky(statuses: list[int]):
    calls: list[str] = []

    def send(path: str) -> Response:
        calls.append(path)
        return Response(statuses[min(len(calls), len(statuses)) - 1])

    return send, calls


def test_success_first_time() -> None:
    send, calls = flaky([200])
    assert Client(send).get("/x").status == 200
    assert calls == ["/x"]


def test_three_attempts() -> None:
    send, calls = flaky([503, 503, 200])
    client = Client(send, max_attempts=3)
    assert client.get("/x").status == 200
    assert len(calls) == 3
    assert client.waited == [0.5, 1.0]
