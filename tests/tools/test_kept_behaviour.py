"""A bug fix must not lose the exceptions the function raised or the parameters it read (unless the
spec names them): the check on real shapes of small models' overfitted fixes."""

from __future__ import annotations

from interns.tools.edits.kept_behaviour import lost_behaviour

PAGE_COUNT = '''def page_count(total_items: int, per_page: int) -> int:
    """Pages needed to show `total_items` items, `per_page` per page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    return total_items // per_page
'''


def test_a_fix_that_drops_the_guard_has_lost_its_exception() -> None:
    cut = PAGE_COUNT.replace('    if per_page < 1:\n        raise ValueError("per_page must be at least 1")\n', "    if total_items == 0:\n        return 0\n")
    assert lost_behaviour(PAGE_COUNT, cut) == ["it no longer raises ValueError, as the function did before"]


def test_the_real_fix_loses_nothing() -> None:
    fixed = PAGE_COUNT.replace("return total_items // per_page", "return (total_items + per_page - 1) // per_page")
    assert lost_behaviour(PAGE_COUNT, fixed) == []
    # another exception class is still a lost one; a re-raise or an added raise is not
    other = PAGE_COUNT.replace("raise ValueError(", "raise TypeError(")
    assert lost_behaviour(PAGE_COUNT, other) == ["it no longer raises ValueError, as the function did before"]
    assert lost_behaviour(other, PAGE_COUNT) == ["it no longer raises TypeError, as the function did before"]


def test_a_method_that_stops_reading_its_argument_has_lost_it() -> None:
    before = "    def __init__(self, owner: str, items: list[str] = []) -> None:\n        self.owner = owner\n        self.items = items\n"
    ignoring = "    def __init__(self, owner: str, items: list[str] = []) -> None:\n        self.owner = owner\n        self.items = []\n"
    copying = "    def __init__(self, owner: str, items: list[str] | None = None) -> None:\n        self.owner = owner\n        self.items = list(items or [])\n"
    assert lost_behaviour(before, ignoring) == ["it no longer uses its parameter `items`, as the function did before"]
    assert lost_behaviour(before, copying) == []  # `self` is never counted


def test_what_the_spec_names_may_go() -> None:
    cut = PAGE_COUNT.replace('    if per_page < 1:\n        raise ValueError("per_page must be at least 1")\n', "")
    assert lost_behaviour(PAGE_COUNT, cut, "Pages are counted wrong") == ["it no longer raises ValueError, as the function did before"]
    assert lost_behaviour(PAGE_COUNT, cut, "page_count must not raise ValueError any more: 0 per page means one page") == []


def test_a_stub_that_gets_a_body_loses_nothing() -> None:
    stub = "def total(values: list[int]) -> int:\n    raise NotImplementedError\n"
    assert lost_behaviour(stub, "def total(values: list[int]) -> int:\n    return sum(values)\n") == []


def test_what_is_not_one_function_is_not_judged() -> None:
    assert lost_behaviour(PAGE_COUNT, "def page_count(:\n") == []
    assert lost_behaviour("x = 1\n", PAGE_COUNT) == []
