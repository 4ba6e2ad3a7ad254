from datetime import date, datetime, timedelta, timezone

from digest.clock import to_local
from digest.events import Event, digest_text, local_day


def test_to_local_all_zones() -> None:
    moment = datetime(2024, 1, 1, 2, 0)
    assert to_local(moment, "New York") == datetime(2023, 12, 31, 21, 0)
    assert to_local(moment, "Kolkata") == datetime(2024, 1, 1, 7, 30)
    assert to_local(moment, "Tokyo") == datetime(2024, 1, 1, 11, 0)
    assert to_local(moment, "UTC") == moment


def test_aware_input() -> None:
    aware = datetime(2024, 1, 1, 3, 0, tzinfo=timezone(timedelta(hours=2)))
    assert to_local(aware, "Berlin") == datetime(2024, 1, 1, 2, 0)


def test_new_york_evening() -> None:
    event = Event("Sync", datetime(2024, 6, 1, 1, 15))
    assert local_day(event, "New York") == date(2024, 5, 31)
    assert digest_text([event], "New York") == "2024-05-31\n  20:15 Sync"
