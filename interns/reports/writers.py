"""Writing a finished run's report files (JSON, JUnit XML, Markdown summary), each independently.

The reports describe the run; they do not decide it. A writer that fails (an unwritable path, a full
disk, a bug in one format) is reported as one error line and the others are still written, so a CI
job keeps the run's own exit code and whatever reports could be produced.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Writer = Callable[[dict[str, Any], Path], None]


STDOUT = Path("-")  # `--json -`: the report on standard output (the human lines go to stderr)


def write_json(report: dict[str, Any], path: Path) -> None:
    """The same text as the run's stored report; path `-` is standard output."""
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_junit(report: dict[str, Any], path: Path) -> None:
    from interns.reports.junit import write_junit

    write_junit(report, path)


def _write_summary(report: dict[str, Any], path: Path) -> None:
    from interns.reports.summary import write_summary

    write_summary(report, path)


@dataclass(frozen=True)
class ReportFile:
    label: str  # how the error line names it
    path: Path
    write: Writer


def report_files(json_path: Path | None, junit: Path | None, summary: Path | None) -> list[ReportFile]:
    """The report files asked for, in the order they are written."""
    wanted = [("JSON report", json_path, write_json), ("JUnit report", junit, _write_junit), ("Markdown summary", summary, _write_summary)]
    return [ReportFile(label, path, write) for label, path, write in wanted if path is not None]


def write_reports(report: dict[str, Any], files: list[ReportFile]) -> list[str]:
    """Write every file; returns one error line per file that could not be written."""
    errors = []
    for file in files:
        try:
            file.write(report, file.path)
        except Exception as error:  # any failure of one writer: reported, never fatal to the run
            errors.append(f"cannot write the {file.label} to {file.path}: {type(error).__name__}: {error}")
    return errors


__all__ = ["STDOUT", "ReportFile", "report_files", "write_json", "write_reports"]
