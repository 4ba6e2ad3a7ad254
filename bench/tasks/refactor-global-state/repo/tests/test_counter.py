from hitcounter import counter
from hitcounter.counter import HitCounter


def test_module_functions() -> None:
    counter.reset()
    counter.hit("/home")
    counter.hit("/home")
    counter.hit("/about")
    assert counter.count("/home") == 2
    assert counter.top(1) == [("/home", 2)]
    counter.reset()
    assert counter.count("/home") == 0


def test_instances_are_independent() -> None:
    first, second = HitCounter(), HitCounter()
    first.hit("/x")
    assert first.count("/x") == 1
    assert second.count("/x") == 0
