import ast
from pathlib import Path

import pytest

from uptime import periods

SOURCE = Path(periods.__file__).read_text()


@pytest.mark.parametrize(("seconds", "text"), [(0, "0h 0m"), (59, "0h 0m"), (3599, "0h 59m"), (86399, "23h 59m"), (86400, "1d 0h"), (3 * 86400 + 7200 + 5, "3d 2h")])
def test_format(seconds: float, text: str) -> None:
    assert periods.format_downtime(seconds) == text


def test_uptime() -> None:
    assert periods.uptime_percent(0, 30) == 100.0
    assert periods.uptime_percent(6048, 7) == 99.0
    assert periods.days_to_seconds(0.5) == 43200


def test_constants_defined_once_at_module_level() -> None:
    tree = ast.parse(SOURCE)
    assigned = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant)}
    assert assigned.get("SECONDS_PER_HOUR") == 3600 and assigned.get("SECONDS_PER_DAY") == 86400
    literal_count = sum(1 for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in (3600, 86400))
    assert literal_count == 2
