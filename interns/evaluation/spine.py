"""Driving the real spine: `interns run` as a subprocess, its JSON report read back."""

from __future__ import annotations

import functools
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interns.evaluation.commands import CommandResult, run_command, task_env
from interns.run_options import RunOptions


@dataclass(frozen=True)
class RunSettings:
    """One evaluation pass: the run options it gives `interns run` (None = leave the spec's/config's
    value; turned into flags by RunOptions.run_argv), or the raw-model baseline."""

    model: str | None = None
    sandbox: str | None = None
    parallel: int | None = None
    best_of: int | None = None
    attempts: int | None = None
    context: str | None = None  # "focused" | "whole" (None: the repo's config)
    raw: bool = False  # the raw-model baseline (raw.py) instead of `interns run`
    name_model: bool = False  # the label and slug say the model (a sweep that compares models)
    escalate: tuple[str, ...] | None = None  # the cascade after the model (`interns run --escalate`)
    docstring_checks: int | None = None  # `interns run --docstring-checks` (None: the repo's config)

    @property
    def label(self) -> str:
        label = self._base_label + (f", {self.context} context" if self.context else "")
        label += f", {self.docstring_checks} docstring-check answers" if self.docstring_checks is not None else ""
        label += f" [{self.model or 'default model'}]" if self.name_model else ""
        return label + "".join(f" -> {model}" for model in self.escalate or ())

    @property
    def _base_label(self) -> str:
        if self.raw:
            return "raw model, one greedy answer"
        if self.best_of is None and self.attempts is None:
            return "spec settings"
        best_of = f"best-of-{self.best_of}" if self.best_of is not None else "spec best-of"
        if self.attempts is None:
            return f"{best_of} x spec attempts"
        return f"{best_of} x {self.attempts} attempt{'s' if self.attempts != 1 else ''}"

    @property
    def slug(self) -> str:
        if self.raw:
            base = "raw"
        else:
            base = "spec" if self.best_of is None and self.attempts is None else f"b{self.best_of or 'spec'}-a{self.attempts or 'spec'}"
        model = f"-{_slugged(self.model or 'default')}" if self.name_model else ""
        cascade = "".join(f"-to-{_slugged(step)}" for step in self.escalate or ())
        checks = f"-checks{self.docstring_checks}" if self.docstring_checks is not None else ""
        return base + (f"-{self.context}" if self.context else "") + checks + model + cascade


def _slugged(model: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", model)


def interns_command() -> list[str]:
    """How to start the `interns` CLI of this installation."""
    script = Path(sys.executable).with_name("interns")
    if script.exists():
        return [str(script)]
    found = shutil.which("interns")
    if found:
        return [found]
    return [sys.executable, "-c", "from interns.cli import main; main()"]


def run_available(command: tuple[str, ...] | None = None) -> bool:
    """Whether this installation has `interns run` (checked once per process)."""
    return _run_available(command or tuple(interns_command()))


@functools.lru_cache(maxsize=4)
def _run_available(command: tuple[str, ...]) -> bool:
    result = run_command([*command, "run", "--help"], Path.cwd(), timeout=120, env=task_env())
    return result.exit_code == 0


def run_argv(
    repo: Path,
    report: Path,
    settings: RunSettings,
    replay: Path | None = None,
    record: Path | None = None,
    command: list[str] | None = None,
) -> list[str]:
    options = RunOptions(
        model=settings.model, sandbox=settings.sandbox, parallel=settings.parallel, best_of=settings.best_of, attempts=settings.attempts,
        context=settings.context, docstring_checks=settings.docstring_checks, escalate=list(settings.escalate) if settings.escalate else None,
        replay=str(replay) if replay is not None else None, record=str(record) if record is not None else None,
    )
    return [*(command or interns_command()), "run", "--repo", str(repo), "--json", str(report), *options.run_argv()]


@dataclass(frozen=True)
class SpineRun:
    command: CommandResult
    report: dict[str, Any] | None
    problem: str | None  # why there is no usable report


def run_spine(argv: list[str], cwd: Path, timeout: float, log_file: Path, report: Path) -> SpineRun:
    result = run_command(argv, cwd, timeout, env=task_env(), log_file=log_file)
    if result.timed_out:
        return SpineRun(result, _read(report), f"interns run did not finish within {timeout:.0f} s")
    data = _read(report)
    if data is None:
        return SpineRun(result, None, f"interns run exited {result.exit_code} without a JSON report")
    return SpineRun(result, data, None)


def _read(report: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
