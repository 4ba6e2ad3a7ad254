"""Scoring: hidden tests on the result decide "solved"; acceptance without them is a false "done".

The results are real commits in real git repositories built from a task (as the spine would leave
them); the run report is the JSON `interns run --json` writes (REPORT_SCHEMA), written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interns.evaluation.harness import EvalReport, SettingRun, run_hidden_tests
from interns.evaluation.outputs import markdown, write_json
from interns.evaluation.scoring import TaskResult, score, summarize
from interns.evaluation.taskset import load_taskset
from interns.evaluation.workspace import apply_patch, git, prepare_task_repo

TASKS = {task.name: task for task in load_taskset(Path(__file__).resolve().parents[3] / "bench" / "tasks")}
FIXTURES = Path(__file__).parent / "fixtures"

# passes the visible test (11 items, 5 per page) and keeps the bug everywhere else
GAMED_PAGES = '''"""Pagination arithmetic."""

from __future__ import annotations


def page_count(total_items: int, per_page: int) -> int:
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    if total_items == 11 and per_page == 5:
        return 3
    return total_items // per_page


def page_slice(page: int, per_page: int) -> slice:
    start = (page - 1) * per_page
    return slice(start, start + per_page)
'''


def _result_commit(repo: Path, files: dict[str, str] | Path) -> str:
    """Commit a result on an integration branch (the user's branch stays where it is): the files
    given, or a patch applied."""
    git(repo, "checkout", "--quiet", "-b", "interns/run1/integration")
    if isinstance(files, Path):
        apply_patch(files, repo)
    else:
        for path, text in files.items():
            (repo / path).write_text(text)
    git(repo, "commit", "--quiet", "-am", "intern result")
    commit = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "--quiet", "main")
    return commit


def _report(commit: str | None, status: str = "merged", reason: str | None = None, **task: Any) -> dict[str, Any]:
    entry = {"id": "page-count", "spec_id": "page-count", "title": "Fix page_count", "status": status, "reason": reason,
             "attempts": 2, "answers": 4, "malformed_answers": 1, "prompt_tokens": 900, "completion_tokens": 100,
             "tokens": 1000, "cost": 0.0, "seconds": 5.0, **task}
    merged = status == "merged"
    return {"run_id": "run1", "integration_branch": "interns/run1/integration", "integration_commit": commit,
            "exit_code": 0 if merged else 1, "status": "ok" if merged else "tasks_failed", "reason": None,
            "model": {"intern": "replay/test", "planner": "replay/test"}, "sandbox": "local", "seconds": 6.0,
            "tasks": [entry], "totals": {}}


def _score(tmp_path: Path, report: dict[str, Any]) -> TaskResult:
    task = TASKS["fix-page-count"]
    repo = tmp_path / "repo"
    commit = report["integration_commit"]
    hidden = run_hidden_tests(task, repo, commit, tmp_path / "result") if commit else None
    return score(task.name, task.kind, task.difficulty, report, hidden, seconds=7.5)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    prepare_task_repo(TASKS["fix-page-count"], tmp_path / "repo")
    return tmp_path / "repo"


def test_planted_false_done_is_caught(tmp_path: Path, repo: Path) -> None:
    commit = _result_commit(repo, {"listing/pages.py": GAMED_PAGES})
    result = _score(tmp_path, _report(commit))
    assert result.acceptance_passed
    assert not result.solved
    assert result.false_done
    assert result.hidden_exit_code == 1
    assert "test_hidden_pages" in result.hidden_output
    assert "false done (hidden tests fail)" in result.failure_reasons
    assert not (tmp_path / "result").exists()  # the scratch checkout is gone
    assert git(repo, "status", "--porcelain") == ""  # and the repo untouched


def test_reference_solution_is_solved(tmp_path: Path, repo: Path) -> None:
    commit = _result_commit(repo, TASKS["fix-page-count"].solution)
    result = _score(tmp_path, _report(commit))
    assert (result.solved, result.acceptance_passed, result.false_done) == (True, True, False)
    assert result.hidden_exit_code == 0
    assert result.well_formed == 0.75
    assert (result.attempts, result.tokens, result.model) == (2, 1000, "replay/test")


def test_a_failed_run_is_neither_solved_nor_false_done(tmp_path: Path, repo: Path) -> None:
    result = _score(tmp_path, _report(None, status="failed", reason="validation failed", failing_output="assert 2 == 3"))
    assert (result.solved, result.acceptance_passed, result.false_done) == (False, False, False)
    assert result.hidden_exit_code is None
    assert result.failure_reasons == ["failed: validation failed"]


def test_hidden_tests_only_judge_the_integration_commit(tmp_path: Path, repo: Path) -> None:
    """A fix left in the user's working tree (not in the result commit) does not count."""
    commit = _result_commit(repo, {"listing/pages.py": GAMED_PAGES})
    apply_patch(TASKS["fix-page-count"].solution, repo)
    result = _score(tmp_path, _report(commit))
    assert result.false_done and not result.solved


def test_missing_report_fields_do_not_break_scoring() -> None:
    result = score("t", "bugfix", "easy", {"tasks": [{"id": "x", "status": "merged"}, "junk"], "integration_commit": None}, None, 1.0)
    assert result.acceptance_passed and not result.solved and result.false_done
    assert result.well_formed is None and result.tokens == 0


def _result(name: str, solved: bool, accepted: bool, seconds: float, answers: int = 2, malformed: int = 0, kind: str = "bugfix", reason: str | None = None) -> TaskResult:
    spine = [{"id": name, "status": "merged" if accepted else "failed", "reason": None if accepted else reason}]
    return TaskResult(task=name, kind=kind, difficulty="easy", solved=solved, acceptance_passed=accepted,
                      false_done=accepted and not solved, answers=answers, malformed_answers=malformed,
                      attempts=answers, tokens=100 * answers, seconds=seconds, spine_tasks=spine)


def test_totals() -> None:
    results = [
        _result("a", True, True, 10.0),
        _result("b", False, True, 20.0, malformed=1),
        _result("c", False, False, 30.0, answers=4, malformed=3, kind="refactor", reason="budget:attempts"),
        _result("d", True, True, 30.0, kind="refactor"),
    ]
    totals = summarize(results)
    assert (totals.tasks, totals.solved, totals.acceptance_passed, totals.false_done) == (4, 2, 3, 1)
    assert totals.solved_pct == 50.0 and totals.acceptance_pct == 75.0 and totals.false_done_pct == 25.0
    assert totals.well_formed_pct == 60.0  # 6 of 10 answers parsed
    assert totals.mean_seconds_per_solved == 20.0
    assert totals.solved_by_kind == {"bugfix": "1/2", "refactor": "1/2"}
    assert totals.failure_reasons == {"false done (hidden tests fail)": 1, "failed: budget:attempts": 1}


def test_json_and_markdown(tmp_path: Path) -> None:
    results = [_result("a", True, True, 10.0), _result("b", False, True, 20.0)]
    report = EvalReport(created="2026-01-01T00:00:00+00:00", tasks_dir="bench/tasks", model_used="replay/test",
                        runs=[SettingRun(setting={"best_of": 1, "attempts": 3}, label="best-of-1 x 3 attempts", results=results, totals=summarize(results))])
    path = write_json(report, tmp_path / "results.json")
    data = json.loads(path.read_text())
    assert data["runs"][0]["results"][1]["false_done"] is True
    assert data["runs"][0]["results"][0]["well_formed"] == 1.0
    assert EvalReport.model_validate_json(path.read_text()) == report
    text = markdown(report)
    assert "| best-of-1 x 3 attempts | 1/2 (50.0 %) | 2/2 (100.0 %) | 1 |" in text
    assert "| b | bugfix | easy | no | yes | **yes** |" in text


def test_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from interns.evaluation.plot import plot_report

    runs = []
    for best_of, attempts, solved in ((1, 1, 1), (1, 3, 2), (4, 3, 3)):
        results = [_result(f"t{i}", i < solved, True, 5.0) for i in range(4)]
        runs.append(SettingRun(setting={"best_of": best_of, "attempts": attempts}, label=f"best-of-{best_of} x {attempts}", results=results, totals=summarize(results)))
    report = EvalReport(created="now", tasks_dir="bench/tasks", runs=runs)
    path = plot_report(report, tmp_path / "solved.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000


def test_cassette_fixture_is_valid_jsonl() -> None:
    lines = (FIXTURES / "eval_subset.jsonl").read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    assert all(entry["match"] and entry["response"] for entry in entries)
