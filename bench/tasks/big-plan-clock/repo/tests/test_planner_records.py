import pytest

from timetable.planner import (
    Course,
    CourseRegistry,
    Invoice,
    InvoiceRegistry,
    Room,
    RoomRegistry,
    courses_from_csv,
    courses_to_csv,
    invoices_from_csv,
    invoices_to_csv,
    rooms_from_csv,
    rooms_to_csv,
    summarize_courses,
    summarize_invoices,
    summarize_rooms,
)


def test_rooms_round_trip() -> None:
    first = Room.from_dict({'code': 'R2.14', 'building': 'North', 'seats': 24, 'hourly_rate': 35.0, 'accessible': True})
    second = Room.from_dict({'code': 'R2.142', 'building': 'North', 'seats': 26, 'hourly_rate': 38.0, 'accessible': True})
    assert Room.from_dict(first.to_dict()) == first
    assert rooms_from_csv(rooms_to_csv([first, second])) == [first, second]


def test_rooms_registry() -> None:
    registry = RoomRegistry([Room.from_dict({'code': 'R2.14', 'building': 'North', 'seats': 24, 'hourly_rate': 35.0, 'accessible': True})])
    registry.add(Room.from_dict({'code': 'R2.142', 'building': 'North', 'seats': 26, 'hourly_rate': 38.0, 'accessible': True}))
    assert len(registry) == 2 and 'R2.142' in registry
    with pytest.raises(KeyError):
        registry.add(Room.from_dict({'code': 'R2.14', 'building': 'North', 'seats': 24, 'hourly_rate': 35.0, 'accessible': True}))
    assert registry.remove('R2.14').code == 'R2.14'
    assert [item.code for item in registry] == ['R2.142']


def test_rooms_summary() -> None:
    items = [Room.from_dict({'code': 'R2.14', 'building': 'North', 'seats': 24, 'hourly_rate': 35.0, 'accessible': True}), Room.from_dict({'code': 'R2.142', 'building': 'North', 'seats': 26, 'hourly_rate': 38.0, 'accessible': True})]
    summary = summarize_rooms(items)
    assert summary["count"] == 2
    assert summary["seats"] == {"total": 50, "min": 24, "max": 26}

def test_courses_round_trip() -> None:
    first = Course.from_dict({'code': 'PY-101', 'title': 'Python basics', 'level': 'beginner', 'days': 3, 'price': 1290.0})
    second = Course.from_dict({'code': 'PY-1012', 'title': 'Python basics', 'level': 'beginner', 'days': 5, 'price': 1293.0})
    assert Course.from_dict(first.to_dict()) == first
    assert courses_from_csv(courses_to_csv([first, second])) == [first, second]


def test_courses_registry() -> None:
    registry = CourseRegistry([Course.from_dict({'code': 'PY-101', 'title': 'Python basics', 'level': 'beginner', 'days': 3, 'price': 1290.0})])
    registry.add(Course.from_dict({'code': 'PY-1012', 'title': 'Python basics', 'level': 'beginner', 'days': 5, 'price': 1293.0}))
    assert len(registry) == 2 and 'PY-1012' in registry
    with pytest.raises(KeyError):
        registry.add(Course.from_dict({'code': 'PY-101', 'title': 'Python basics', 'level': 'beginner', 'days': 3, 'price': 1290.0}))
    assert registry.remove('PY-101').code == 'PY-101'
    assert [item.code for item in registry] == ['PY-1012']


def test_courses_summary() -> None:
    items = [Course.from_dict({'code': 'PY-101', 'title': 'Python basics', 'level': 'beginner', 'days': 3, 'price': 1290.0}), Course.from_dict({'code': 'PY-1012', 'title': 'Python basics', 'level': 'beginner', 'days': 5, 'price': 1293.0})]
    summary = summarize_courses(items)
    assert summary["count"] == 2
    assert summary["days"] == {"total": 8, "min": 3, "max": 5}

def test_invoices_round_trip() -> None:
    first = Invoice.from_dict({'number': 'TI-2024-031', 'company': 'Northwind', 'sessions': 2, 'total': 5160.0, 'paid': False})
    second = Invoice.from_dict({'number': 'TI-2024-0312', 'company': 'Northwind', 'sessions': 4, 'total': 5163.0, 'paid': False})
    assert Invoice.from_dict(first.to_dict()) == first
    assert invoices_from_csv(invoices_to_csv([first, second])) == [first, second]


def test_invoices_registry() -> None:
    registry = InvoiceRegistry([Invoice.from_dict({'number': 'TI-2024-031', 'company': 'Northwind', 'sessions': 2, 'total': 5160.0, 'paid': False})])
    registry.add(Invoice.from_dict({'number': 'TI-2024-0312', 'company': 'Northwind', 'sessions': 4, 'total': 5163.0, 'paid': False}))
    assert len(registry) == 2 and 'TI-2024-0312' in registry
    with pytest.raises(KeyError):
        registry.add(Invoice.from_dict({'number': 'TI-2024-031', 'company': 'Northwind', 'sessions': 2, 'total': 5160.0, 'paid': False}))
    assert registry.remove('TI-2024-031').number == 'TI-2024-031'
    assert [item.number for item in registry] == ['TI-2024-0312']


def test_invoices_summary() -> None:
    items = [Invoice.from_dict({'number': 'TI-2024-031', 'company': 'Northwind', 'sessions': 2, 'total': 5160.0, 'paid': False}), Invoice.from_dict({'number': 'TI-2024-0312', 'company': 'Northwind', 'sessions': 4, 'total': 5163.0, 'paid': False})]
    summary = summarize_invoices(items)
    assert summary["count"] == 2
    assert summary["sessions"] == {"total": 6, "min": 2, "max": 4}
