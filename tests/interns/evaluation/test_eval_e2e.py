"""`interns eval` end to end on a 3-task subset: the real spine (`interns run`) in subprocesses,
the local sandbox running real acceptance commands, a replayed model, hidden tests scoring.

The cassette (fixtures/eval_subset.jsonl) answers:
  impl-slugify       the stub copied back first, then a right body   -> solved, 50 % well-formed
  fix-page-count     a fix that special-cases the visible test       -> acceptance passes, FALSE DONE
  multi-unique-slug  two dependent tasks, both right (imports added)  -> solved
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from interns.evaluation.spine import run_available
from support.eval_cli import eval_cli

ROOT = Path(__file__).resolve().parents[3]
CASSETTE = Path(__file__).parent / "fixtures" / "eval_subset.jsonl"
SUBSET = ["impl-slugify", "fix-page-count", "multi-unique-slug"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def spine_available() -> None:
    if not run_available():  # checked here, not at collection: it starts the CLI once
        pytest.skip("`interns run` is not available in this installation (the spine has not landed)")


def results_of(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "results.json").read_text())
    assert len(data["runs"]) == 1
    return {result["task"]: result for result in data["runs"][0]["results"]} | {"_totals": data["runs"][0]["totals"]}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("eval")
    out, cassettes = base / "out", base / "cassettes"
    code = eval_cli(*SUBSET, "--tasks-dir", str(ROOT / "bench" / "tasks"), "--replay", str(CASSETTE), "--record", str(cassettes),
                    "--sandbox", "local", "--parallel", "2", "--jobs", "3", "--out", str(out), "--timeout", "600", *([] if _has_matplotlib() else ["--no-plot"]))
    assert code == 0
    return out, cassettes


def test_subset_scores_solved_false_done_and_well_formed(recorded: tuple[Path, Path]) -> None:
    out, _ = recorded
    results = results_of(out)
    slug, pages, multi = (results[name] for name in SUBSET)
    assert (slug["solved"], slug["acceptance_passed"], slug["false_done"]) == (True, True, False)
    assert slug["malformed_answers"] == 1 and slug["answers"] == 2 and slug["well_formed"] == 0.5
    assert (pages["solved"], pages["acceptance_passed"], pages["false_done"]) == (False, True, True)
    assert pages["hidden_exit_code"] not in (0, None)
    assert (multi["solved"], multi["acceptance_passed"]) == (True, True)
    assert [task["status"] for task in multi["spine_tasks"]] == ["merged", "merged"]
    totals = results["_totals"]
    assert (totals["tasks"], totals["solved"], totals["acceptance_passed"], totals["false_done"], totals["errors"]) == (3, 2, 3, 1, 0)
    assert totals["tokens"] > 0 and totals["well_formed_pct"] == 80.0
    markdown = (out / "results.md").read_text()
    assert "| fix-page-count | bugfix | easy | no | yes | **yes** |" in markdown
    assert (out / "solved.png").read_bytes()[:4] == b"\x89PNG" or not _has_matplotlib()
    for name in SUBSET:  # each run's own report and log are kept
        assert json.loads((out / "runs" / "spec" / name / "report.json").read_text())["integration_commit"]


def test_recorded_cassettes_replay_to_the_same_scores(recorded: tuple[Path, Path], tmp_path: Path) -> None:
    first, cassettes = recorded
    assert sorted(path.name for path in cassettes.glob("*.jsonl")) == sorted(f"{name}.jsonl" for name in SUBSET)
    out = tmp_path / "again"
    code = eval_cli(*SUBSET, "--tasks-dir", str(ROOT / "bench" / "tasks"), "--replay", str(cassettes), "--sandbox", "local",
                    "--jobs", "3", "--out", str(out), "--no-plot", "--timeout", "600")
    assert code == 0
    again, before = results_of(out), results_of(first)
    for name in SUBSET:
        for key in ("solved", "acceptance_passed", "false_done", "answers", "malformed_answers", "tokens"):
            assert again[name][key] == before[name][key], (name, key)


def test_resume_keeps_the_evaluated_tasks_and_runs_the_rest(recorded: tuple[Path, Path], tmp_path: Path) -> None:
    first, cassettes = recorded
    out = tmp_path / "resumed"
    shutil.copytree(first, out)
    redo = "impl-slugify"
    (out / "runs" / "spec" / redo / "result.json").unlink()  # as if the evaluation was killed during it
    (out / "results.json").unlink()
    only = tmp_path / "only"  # the other tasks have no cassette: running them again would score them as errors
    only.mkdir()
    shutil.copy(cassettes / f"{redo}.jsonl", only / f"{redo}.jsonl")
    code = eval_cli(*SUBSET, "--tasks-dir", str(ROOT / "bench" / "tasks"), "--replay", str(only), "--sandbox", "local",
                    "--out", str(out), "--resume", "--no-plot", "--timeout", "600")
    assert code == 0
    again, before = results_of(out), results_of(first)
    for name in SUBSET:
        for key in ("solved", "acceptance_passed", "false_done", "answers", "error"):
            assert again[name][key] == before[name][key], (name, key)
    assert (out / "runs" / "spec" / redo / "result.json").is_file()


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


RAW_CASSETTE = Path(__file__).parent / "fixtures" / "eval_subset_raw.jsonl"


def test_the_raw_model_row_from_a_replayed_cassette(tmp_path: Path) -> None:
    """The `raw` setting: one plain prompt per spine task (complete this function / fix this function),
    one answer spliced in as given, no checks, no retries; scored by the same hidden tests."""
    out = tmp_path / "raw"
    code = eval_cli(*SUBSET, "--tasks-dir", str(ROOT / "bench" / "tasks"), "--sweep", "raw", "--replay", str(RAW_CASSETTE), "--record", str(tmp_path / "asked"),
                    "--jobs", "3", "--out", str(out), "--no-plot", "--timeout", "600")
    assert code == 0
    data = json.loads((out / "results.json").read_text())
    [run] = data["runs"]
    assert run["label"] == "raw model, one greedy answer" and run["setting"]["raw"] is True
    results = {result["task"]: result for result in run["results"]}
    assert results["impl-slugify"]["solved"] and results["fix-page-count"]["solved"]
    multi = results["multi-unique-slug"]
    assert not multi["solved"] and [task["status"] for task in multi["spine_tasks"]] == ["merged", "failed"]
    assert all(result["answers"] == len(result["spine_tasks"]) and result["attempts"] == len(result["spine_tasks"]) for result in results.values())
    asked = [json.loads(line) for line in (tmp_path / "asked" / "impl-slugify.jsonl").read_text().splitlines()]
    assert [len(request["messages"]) for request in asked] == [1] and asked[0]["params"]["temperature"] == 0.0
    assert "raise NotImplementedError" not in asked[0]["messages"][0]["content"]
