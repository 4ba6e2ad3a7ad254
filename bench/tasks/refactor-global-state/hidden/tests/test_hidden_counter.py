import ast
from pathlib import Path

from hitcounter import counter
from hitcounter.counter import HitCounter


def test_no_global_state() -> None:
    tree = ast.parse(Path(counter.__file__).read_text())
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree))
    module_dicts = [node for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Dict)]
    assert module_dicts == []


def test_module_functions_use_default_counter() -> None:
    counter.reset()
    assert counter.hit("/a") == 1
    assert counter.default_counter.count("/a") == 1
    counter.default_counter.hit("/a")
    assert counter.count("/a") == 2
    counter.reset()
    assert counter.top(5) == []


def test_top_ordering() -> None:
    hits = HitCounter()
    for page in ["/b", "/a", "/c", "/b", "/a", "/d"]:
        hits.hit(page)
    assert hits.top(3) == [("/a", 2), ("/b", 2), ("/c", 1)]
    assert hits.top(0) == []


def test_instance_reset() -> None:
    hits = HitCounter()
    hits.hit("/x")
    hits.reset()
    assert hits.count("/x") == 0
    assert hits.hit("/x") == 1
