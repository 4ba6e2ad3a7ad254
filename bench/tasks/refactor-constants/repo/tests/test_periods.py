import ast
from pathlib import Path

from uptime import periods

SOURCE = Path(periods.__file__).read_text()


def test_behaviour() -> None:
    assert periods.days_to_seconds(2) == 172800
    assert periods.uptime_percent(864, 1) == 99.0
    assert periods.format_downtime(90000) == "1d 1h"
    assert periods.format_downtime(5400) == "1h 30m"


def test_named_constants() -> None:
    assert periods.SECONDS_PER_HOUR == 3600
    assert periods.SECONDS_PER_DAY == 86400
    functions = [node for node in ast.parse(SOURCE).body if isinstance(node, ast.FunctionDef)]
    for function in functions:
        literals = {node.value for node in ast.walk(function) if isinstance(node, ast.Constant)}
        assert not literals & {3600, 86400}, function.name
