"""How an intern handles its model: feedback, malformed answers, scope, repetition, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

from support.repos import events_of, git, make_repo, read_report, whole_file, write_cassette

ONE_TASK_FILES = {
    "shop/__init__.py": "",
    "shop/price.py": "def total(prices):\n    raise NotImplementedError\n",
    "setup.py": "# not to be touched by interns\n",
    # these tests are about the edit-block protocol (test_function_form.py has the function form's)
    ".interns/config.toml": "max_parse_retries = 1\n[models]\nanswer_form = \"edit-blocks\"\n",
    ".interns/specs/total.md": """
        ---
        id: total
        title: Sum the prices
        files: [shop/price.py]
        accept: ["python -c 'from shop.price import total; assert total([1, 2]) == 3, total([1, 2])'"]
        budget: {attempts: 5}
        ---
        `total(prices)` returns the sum of a list of prices.
        """,
}
WRONG = whole_file("shop/price.py", "def total(prices):\n    return 0\n")
RIGHT = whole_file("shop/price.py", "def total(prices):\n    return sum(prices)\n")


def _run(interns, repo: Path, cassette: Path, report: Path, *extra: str):
    result = interns("run", "--sandbox", "local", "--replay", str(cassette), "--json", str(report), "--plain", *extra, cwd=repo)
    return result, read_report(report) if report.exists() else None


def test_failing_output_reaches_the_model_for_the_next_attempt(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Sum the prices"], "response": WRONG},
        # answered only if the second prompt carries the first attempt's failure
        {"match": ["# Task: Sum the prices", "failed (exit code 1)", "AssertionError: 0"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["attempts"] == 2 and task["answers"] == 2


def test_malformed_answer_is_counted_and_reasked_with_the_parse_error(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Sum the prices"], "response": "You should use the sum builtin."},
        {"match": ["could not be used", "no code block"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["malformed_answers"] == 1 and task["answers"] == 2 and task["attempts"] == 1


def test_edit_outside_scope_is_refused(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    sneaky = whole_file("setup.py", "import os\nos.system('echo pwned')\n") + "\n" + RIGHT
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Sum the prices"], "response": sneaky},
        {"match": ["refused edits to: setup.py"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert report["tasks"][0]["malformed_answers"] == 1
    integration = report["integration_branch"]
    assert git(repo, "show", f"{integration}:setup.py") == "# not to be touched by interns"
    assert git(repo, "diff", "--name-only", report["base_commit"], integration).splitlines() == ["shop/price.py"]


def test_only_out_of_scope_answers_fail_the_task(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": whole_file("setup.py", "x = 1\n"), "repeat": True}])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--attempts", "2")
    assert result.returncode == 1
    task = report["tasks"][0]
    assert task["status"] == "failed" and task["reason"] == "out_of_scope"
    assert report["status"] == "tasks_failed"


def test_a_repeated_failing_answer_brings_fresh_sampled_attempts_not_a_stop(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Sum the prices"], "response": WRONG, "repeat": True}])
    recorded = tmp_path / "recorded.jsonl"
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--record", str(recorded))
    assert result.returncode == 4, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "budget_exhausted" and task["reason"] == "budget:attempts" and task["attempts"] == 5
    assert "AssertionError" in task["failing_output"]
    requests = [json.loads(line) for line in recorded.read_text().splitlines()]
    # attempt 1 greedy; attempt 2 sampled with the failure as feedback, and it repeats; from then on
    # every attempt starts afresh, without the failed answer in view
    assert [request["params"]["temperature"] for request in requests] == [0.0, 0.7, 0.7, 0.7, 0.7]
    assert [len(request["messages"]) for request in requests] == [2, 4, 2, 2, 2]


def test_budget_exhausted_gives_exit_4(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    wrong_again = whole_file("shop/price.py", "def total(prices):\n    return -1\n")
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": WRONG}, {"match": ["# Task"], "response": wrong_again}])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--attempts", "2")
    assert result.returncode == 4, result.stderr
    assert report["tasks"][0]["status"] == "budget_exhausted" and report["tasks"][0]["reason"] == "budget:attempts"
    assert report["reason_code"] == "budget"


def test_best_of_keeps_the_first_sample_that_passes(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": WRONG}, {"match": ["# Task"], "response": RIGHT}, {"match": ["# Task"], "response": WRONG}])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--best-of", "3", "--attempts", "1")
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    # the three samples are asked together; the second, validated first in sample order, is kept
    assert task["answers"] == 3 and task["attempts"] == 1 and task["status"] == "merged"


def test_after_a_failure_only_one_sample_in_four_is_shown_it_the_others_start_afresh(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Sum the prices"], "response": WRONG, "repeat": True}])
    recorded = tmp_path / "recorded.jsonl"
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--best-of", "8", "--attempts", "2", "--record", str(recorded))
    assert result.returncode == 4, result.stderr
    requests = [json.loads(line) for line in recorded.read_text().splitlines()]
    second = [len(request["messages"]) for request in requests if request["meta"]["attempt"] == 2]
    # shown its failed code, a small model writes it again: 2 of 8 samples repair, 6 are asked afresh
    assert second == [4, 4, 2, 2, 2, 2, 2, 2]


def test_the_token_budget_counts_a_prompt_shared_by_the_samples_once(interns, tmp_path: Path) -> None:
    files = {**ONE_TASK_FILES, ".interns/specs/total.md": ONE_TASK_FILES[".interns/specs/total.md"].replace("budget: {attempts: 5}", "budget: {attempts: 1, tokens: 200}")}
    repo = make_repo(tmp_path / "repo", files)
    # 50 prompt and 20 completion tokens per answer: four answers counted whole would be 280 tokens,
    # and the budget would stop the task before the fourth; one prompt and four completions are 130
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": WRONG}] * 3 + [{"match": ["# Task"], "response": RIGHT}])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--best-of", "4")
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["answers"] == 4 and task["tokens"] == 280


CONFLICT_FILES = {
    "notes/__init__.py": "",
    "notes/names.py": "NAMES = []\n",
    ".interns/specs/names.md": """
        ---
        id: names
        title: Names
        files: [notes/names.py]
        tasks:
          - id: alice
            title: Add Alice
            accept: ["python -c 'from notes.names import NAMES; assert \\"alice\\" in NAMES'"]
          - id: bob
            title: Add Bob
            accept: ["python -c 'from notes.names import NAMES; assert \\"bob\\" in NAMES'"]
        ---
        Keep the list of names.
        """,
}


def test_conflicting_interns_one_merges_the_other_reruns_on_the_new_base(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", CONFLICT_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Add Alice"], "response": whole_file("notes/names.py", 'NAMES = ["alice"]\n')},
        # bob's second round: asked only with the conflict context and alice's change in view
        {"match": ["# Task: Add Bob", "conflicted", 'NAMES = ["alice"]'], "response": whole_file("notes/names.py", 'NAMES = ["alice", "bob"]\n')},
        {"match": ["# Task: Add Bob"], "response": whole_file("notes/names.py", 'NAMES = ["bob"]\n')},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--parallel", "2")
    assert result.returncode == 0, result.stderr
    tasks = {task["id"]: task for task in report["tasks"]}
    assert tasks["names/alice"]["status"] == "merged" and tasks["names/bob"]["status"] == "merged"
    assert tasks["names/bob"]["rounds"] == 2 and tasks["names/bob"]["answers"] == 2
    assert git(repo, "show", f"{report['integration_branch']}:notes/names.py") == 'NAMES = ["alice", "bob"]'


def test_conflict_beyond_the_retry_bound_is_reported_conflicted(interns, tmp_path: Path) -> None:
    files = {**CONFLICT_FILES, ".interns/config.toml": "max_merge_retries = 0\n"}
    repo = make_repo(tmp_path / "repo", files)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Add Alice"], "response": whole_file("notes/names.py", 'NAMES = ["alice"]\n')},
        {"match": ["# Task: Add Bob"], "response": whole_file("notes/names.py", 'NAMES = ["bob"]\n')},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--parallel", "2")
    assert result.returncode == 1, result.stderr
    statuses = sorted(task["status"] for task in report["tasks"])
    assert statuses == ["conflicted", "merged"] and report["reason_code"] == "conflict"
    conflicted = next(task for task in report["tasks"] if task["status"] == "conflicted")
    assert "notes/names.py" in conflicted["failing_output"]


def test_retry_gives_a_failed_task_another_round(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ONE_TASK_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": WRONG}])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--attempts", "1")
    assert result.returncode == 4
    better = write_cassette(tmp_path / "better.jsonl", [{"match": ["# Task: Sum the prices"], "response": RIGHT}])
    again = interns("retry", report["run_id"], "total", "--replay", str(better), "--plain", "--json", str(tmp_path / "r2.json"), cwd=repo)
    assert again.returncode == 0, again.stderr
    final = read_report(tmp_path / "r2.json")
    assert final["tasks"][0]["status"] == "merged"
    assert git(repo, "show", f"{final['integration_branch']}:shop/price.py") == "def total(prices):\n    return sum(prices)"
    nothing = interns("retry", report["run_id"], "total", cwd=repo)
    assert nothing.returncode == 2 and "can be retried" in nothing.stderr and "is merged" in nothing.stderr


POST_MERGE_FILES = {
    "quota/__init__.py": "",
    "quota/limits.py": "MAX = 10\n",
    "quota/usage.py": "USED = 5\n",
    ".interns/specs/quota.md": """
        ---
        id: quota
        title: Quota
        accept: ["python -c 'from quota import limits, usage; assert usage.USED <= limits.MAX'"]
        tasks:
          - id: usage
            title: Raise the usage
            files: [quota/usage.py]
          - id: limit
            title: Lower the limit
            files: [quota/limits.py]
        ---
        Usage must stay within the limit.
        """,
}


def test_changes_that_pass_alone_but_break_together_are_sent_back(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", POST_MERGE_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Raise the usage"], "response": whole_file("quota/usage.py", "USED = 8\n")},
        # the second round hears that the merged state failed
        {"match": ["# Task: Lower the limit", "after merging it with the other tasks' changes"], "response": whole_file("quota/limits.py", "MAX = 9\n")},
        {"match": ["# Task: Lower the limit"], "response": whole_file("quota/limits.py", "MAX = 6\n")},
    ])
    result, report = _run(interns, repo, cassette, tmp_path / "r.json", "--parallel", "2")
    assert result.returncode == 0, result.stderr
    tasks = {task["id"]: task for task in report["tasks"]}
    assert tasks["quota/limit"]["rounds"] == 2 and tasks["quota/usage"]["rounds"] == 1
    integration = report["integration_branch"]
    assert git(repo, "show", f"{integration}:quota/limits.py") == "MAX = 9" and git(repo, "show", f"{integration}:quota/usage.py") == "USED = 8"
    assert any(e["event"] == "post_merge_failed" for e in events_of(repo, report["run_id"]))


def test_cancel_task_stops_it_at_its_next_step(tmp_path: Path) -> None:
    from interns.agents.runner import RunOptions, Runner

    files = {**ONE_TASK_FILES, ".interns/specs/total.md": ONE_TASK_FILES[".interns/specs/total.md"].replace('accept: ["', 'accept: ["sleep 1", "')}
    repo = make_repo(tmp_path / "repo", files)
    wrong = [whole_file("shop/price.py", f"def total(prices):\n    return {n}\n") for n in range(5)]
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task"], "response": answer} for answer in wrong])
    runner = Runner.prepare(RunOptions(repo=str(repo), sandbox="local", replay=str(cassette)))
    for mode, payload in runner.events():
        if mode == "custom" and payload.get("event") == "acceptance_failed":
            runner.cancel_task("total")
    task = runner.finish().report["tasks"][0]
    assert task["status"] == "cancelled" and task["attempts"] < 5
