from datetime import date, datetime

from digest.events import Event, digest, local_day
from digest.recipients import Recipient, by_zone


def test_utc_digest() -> None:
    events = [Event("Standup", datetime(2024, 3, 4, 9, 0)), Event("Retro", datetime(2024, 3, 4, 8, 0))]
    assert digest(events, "UTC") == {date(2024, 3, 4): ["08:00 Retro", "09:00 Standup"]}


def test_late_utc_event_is_next_day_in_berlin() -> None:
    event = Event("Release", datetime(2024, 3, 4, 23, 30))
    assert local_day(event, "Berlin") == date(2024, 3, 5)
    assert digest([event], "Berlin") == {date(2024, 3, 5): ["00:30 Release"]}


def test_recipients_by_zone() -> None:
    people = [Recipient("b@x.org", "Berlin"), Recipient("a@x.org", "Berlin"), Recipient("c@x.org", muted=True)]
    assert by_zone(people) == {"Berlin": ["a@x.org", "b@x.org"]}
