"""The solved-% plot: how test-time compute (best-of-N samples, feedback attempts) moves the score."""

from __future__ import annotations

from pathlib import Path

from interns.errors import BadInputError
from interns.evaluation.harness import EvalReport

MATPLOTLIB_HINT = "the evaluation plot needs matplotlib: pip install 'matplotlib>=3.8' (or skip it with --no-plot)"


def require_matplotlib() -> None:
    """Fail before a long evaluation rather than at its end."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise BadInputError(MATPLOTLIB_HINT)


def _pyplot():
    try:
        import matplotlib
    except ImportError as error:
        raise BadInputError(MATPLOTLIB_HINT) from error
    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as pyplot

    return pyplot


def plot_report(report: EvalReport, path: Path) -> Path:
    """Left: solved / acceptance-passed / false-done % per setting, settings ordered by compute.
    Right: solved % against attempts, one line per best-of N (when the settings give numbers)."""
    pyplot = _pyplot()
    runs = sorted(report.runs, key=lambda run: (run.setting.get("best_of") or 1) * (run.setting.get("attempts") or 1))
    figure, (left, right) = pyplot.subplots(1, 2, figsize=(12, 4.8))
    labels = [run.label.replace(" x ", "\n") for run in runs]
    positions = list(range(len(runs)))
    for key, name, style in (
        ("solved_pct", "solved (hidden tests pass)", "o-"),
        ("acceptance_pct", "acceptance passed", "s--"),
        ("false_done_pct", "false done", "x:"),
    ):
        left.plot(positions, [getattr(run.totals, key) for run in runs], style, label=name)
    left.set_xticks(positions, labels, fontsize=8)
    left.set_ylim(0, 100)
    left.set_ylabel("% of tasks")
    left.set_title("per setting")
    left.grid(alpha=0.3)
    left.legend(fontsize=8)

    lines: dict[str, list[tuple[int, float]]] = {}  # one line per best-of N (and context mode)
    for run in runs:
        best_of, attempts, context = run.setting.get("best_of"), run.setting.get("attempts"), run.setting.get("context")
        if best_of is not None and attempts is not None:
            lines.setdefault(f"best-of-{best_of}" + (f", {context} context" if context else ""), []).append((attempts, run.totals.solved_pct))
    for name, points in sorted(lines.items()):
        points.sort()
        right.plot([p[0] for p in points], [p[1] for p in points], "o-", label=name)
    right.set_xlabel("attempts (feedback rounds)")
    right.set_ylabel("solved %")
    right.set_ylim(0, 100)
    right.set_title("solved % vs attempts")
    right.grid(alpha=0.3)
    if lines:
        right.legend(fontsize=8)
        right.set_xticks(sorted({a for points in lines.values() for a, _ in points}))
    else:
        right.text(0.5, 0.5, "give --best-of/--attempts or --sweep\nfor this panel", ha="center", va="center", transform=right.transAxes)
    model = report.model_used or report.model or "default model"
    tasks = report.runs[0].totals.tasks if report.runs else 0
    figure.suptitle(f"interns eval: {model}, {tasks} tasks")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
    return path
