from datetime import date
from pathlib import Path

from meterlog.readings import daily_use, load_readings


def test_load_and_use(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("# meter 7\n2024-01-02;105.5\n\n2024-01-01;100\n", encoding="utf-8")
    readings = load_readings(path)
    assert readings == [(date(2024, 1, 1), 100.0), (date(2024, 1, 2), 105.5)]
    assert daily_use(readings) == [(date(2024, 1, 2), 5.5)]
