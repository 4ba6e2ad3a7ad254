"""Writing an evaluation report: JSON (the full record) and a Markdown summary for READMEs."""

from __future__ import annotations

from pathlib import Path

from interns.evaluation.harness import EvalReport, SettingRun
from interns.evaluation.scoring import TaskResult, Totals


def write_json(report: EvalReport, path: Path) -> Path:
    path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return path


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} %"


def _mark(flag: bool) -> str:
    return "yes" if flag else "no"


def totals_row(label: str, totals: Totals) -> list[str]:
    return [
        label,
        f"{totals.solved}/{totals.tasks} ({_pct(totals.solved_pct)})",
        f"{totals.acceptance_passed}/{totals.tasks} ({_pct(totals.acceptance_pct)})",
        str(totals.false_done),
        _pct(totals.well_formed_pct),
        f"{totals.mean_attempts:.2f}",
        f"{totals.tokens:,}",
        f"{totals.seconds:.0f}",
        "-" if totals.mean_seconds_per_solved is None else f"{totals.mean_seconds_per_solved:.1f}",
        str(totals.errors),
    ]


TOTALS_HEADER = ["setting", "solved", "acceptance passed", "false done", "well-formed", "attempts/task", "tokens", "seconds", "s/solved", "errors"]
TASK_HEADER = ["task", "kind", "difficulty", "solved", "acceptance", "false done", "well-formed", "attempts", "tokens", "seconds", "note"]


def task_row(result: TaskResult) -> list[str]:
    note = result.error or "; ".join(result.failure_reasons)
    return [
        result.task,
        result.kind,
        result.difficulty,
        _mark(result.solved),
        _mark(result.acceptance_passed),
        "**yes**" if result.false_done else "no",
        "-" if result.well_formed is None else f"{100 * result.well_formed:.0f} %",
        str(result.attempts),
        f"{result.tokens:,}",
        f"{result.seconds:.1f}",
        note.replace("|", "/").replace("\n", " ")[:80],
    ]


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(report: EvalReport, per_task: bool = True) -> str:
    model = report.model_used or report.model or "configured default"
    parts = [
        "# interns evaluation",
        "",
        f"Model: `{model}` · sandbox: {report.sandbox or 'default'} · {report.created} · tasks: `{report.tasks_dir}`",
        "",
        _table(TOTALS_HEADER, [totals_row(run.label, run.totals) for run in report.runs]),
    ]
    for run in report.runs:
        parts += ["", f"## {run.label}", ""]
        parts.append("Solved by kind: " + ", ".join(f"{kind} {count}" for kind, count in run.totals.solved_by_kind.items()))
        parts.append("")
        parts.append("Solved by difficulty: " + ", ".join(f"{name} {count}" for name, count in run.totals.solved_by_difficulty.items()))
        if run.totals.failure_reasons:
            parts += ["", "What failed most: " + ", ".join(f"{reason} ({count})" for reason, count in list(run.totals.failure_reasons.items())[:6])]
        if per_task:
            parts += ["", _table(TASK_HEADER, [task_row(result) for result in run.results])]
    return "\n".join(parts) + "\n"


def write_markdown(report: EvalReport, path: Path) -> Path:
    path.write_text(markdown(report), encoding="utf-8")
    return path


def run_by_label(report: EvalReport, label: str) -> SettingRun | None:
    return next((run for run in report.runs if run.label == label), None)
