"""The cascade (`models.escalate`) through the real spine, replayed: a task the first model cannot
solve goes to the next one, which starts from the best failing candidate; a missing model is skipped
with one line; the report says which model solved each task and what each spent."""

from __future__ import annotations

import json
from pathlib import Path

from support.repos import make_repo, read_report, write_cassette

from support.parse_bool_repo import FILES, RIGHT, STILL_WRONG

BIG = "local/qwen2.5-coder-1.5b"


def _repo(tmp_path: Path, escalate: str, plain_first: bool = True) -> Path:
    config = f"[models]\nescalate = {escalate}\nplain_first = {str(plain_first).lower()}\n"
    return make_repo(tmp_path / "repo", {**FILES, ".interns/config.toml": config})


def test_a_task_the_first_model_fails_is_solved_by_the_next_from_its_best_candidate(interns, tmp_path: Path) -> None:
    # the repair alone (the next model's own plain answer, asked first by default, is the next test's)
    repo = _repo(tmp_path, f'[{{model = "{BIG}", attempts = 1}}]', plain_first=False)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG},
        # the second model is shown the first one's failing candidate and its failure
        {"match": ["Your previous version of `parse_bool` failed", "return text == 'false'", "assert"], "response": RIGHT},
    ])
    asked = tmp_path / "asked.jsonl"
    result = interns("run", "--sandbox", "local", "--attempts", "1", "--replay", str(cassette), "--record", str(asked), "--json", str(tmp_path / "r.json"),
                     "--junit", str(tmp_path / "j.xml"), "--summary", str(tmp_path / "s.md"), "--plain", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert f"escalated to {BIG}" in result.stderr
    assert f"solved by {BIG}: 1" in " ".join((result.stdout + result.stderr).split())  # the run summary's caption
    summary = (tmp_path / "s.md").read_text()
    assert f"Solved by `{BIG}`: 1." in summary and f"| {BIG} | local/qwen2.5-coder-0.5b: 1 attempt(s)" in summary
    assert f"solved by: {BIG}" in (tmp_path / "j.xml").read_text()
    report = read_report(tmp_path / "r.json")
    [task] = report["tasks"]
    assert task["status"] == "merged" and task["tier"] == BIG and task["attempts"] == 2
    assert [(tier["model"], tier["attempts"], tier["solved"]) for tier in task["tiers"]] == [("local/qwen2.5-coder-0.5b", 1, False), (BIG, 1, True)]
    assert all(tier["tokens"] > 0 for tier in task["tiers"])
    assert report["totals"]["solved_by_tier"] == {BIG: 1}
    requests = [json.loads(line) for line in asked.read_text().splitlines()]
    assert [request["model"] for request in requests] == ["local/qwen2.5-coder-0.5b", BIG]
    assert [request["params"]["temperature"] for request in requests] == [0.0, 0.0]  # each model's first answer is greedy


def test_the_next_model_answers_the_raw_baselines_prompt_first_then_repairs_the_best_candidate(interns, tmp_path: Path) -> None:
    # the 1.5B is first asked as the raw baseline asks a fix (the failure and the function as they are,
    # nothing else), greedily: its unaided answer; that fails, and it then repairs the best failing candidate
    repo = _repo(tmp_path, f'[{{model = "{BIG}", attempts = 2}}]')
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG},
        {"match": ["This Python function has a bug; a test fails:", "assert True is False", "return bool(text)"], "response": "    return text.strip() == 'false'\n```\n"},
        {"match": ["Your previous version of `parse_bool` failed"], "response": RIGHT},
    ])
    asked = tmp_path / "asked.jsonl"
    result = interns("run", "--sandbox", "local", "--attempts", "1", "--replay", str(cassette), "--record", str(asked), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 0, result.stderr
    [task] = read_report(tmp_path / "r.json")["tasks"]
    assert task["status"] == "merged" and task["tier"] == BIG and task["attempts"] == 3
    requests = [json.loads(line) for line in asked.read_text().splitlines()]
    assert [(request["model"], request["params"]["temperature"]) for request in requests] == [("local/qwen2.5-coder-0.5b", 0.0), (BIG, 0.0), (BIG, 0.7)]
    plain = requests[1]["messages"]
    assert [message["role"] for message in plain] == ["user", "assistant"] and "TRUE_WORDS" not in plain[0]["content"]  # not the file, not the tests
    assert "This Python function has a bug" not in requests[0]["messages"][1]["content"]  # the first model is not asked so
    # the next model reads the code as it is, not the candidate the first one left in the worktree
    assert "return bool(text)" in plain[0]["content"] and "return text == 'false'" not in plain[0]["content"]
    assert "The current `parse_bool`" in requests[2]["messages"][1]["content"] and "return bool(text)" in requests[2]["messages"][1]["content"]


def test_the_first_model_has_one_attempt_before_the_cascade_unless_the_spec_says_more(interns, tmp_path: Path) -> None:
    files = {**FILES, ".interns/config.toml": f'[models]\nescalate = ["{BIG}"]\n'}
    files[".interns/specs/bool.md"] = files[".interns/specs/bool.md"].replace("        budget: {attempts: 3}\n", "")  # no attempts of its own
    repo = make_repo(tmp_path / "repo", files)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG, "repeat": True},  # the 0.5B never gets it right
        {"match": ["This Python function has a bug; a test fails:"], "response": RIGHT},  # the 1.5B's own answer
    ])
    result = interns("run", "--sandbox", "local", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 0, result.stderr
    [task] = read_report(tmp_path / "r.json")["tasks"]
    assert [(tier["model"], tier["attempts"], tier["solved"]) for tier in task["tiers"]] == [("local/qwen2.5-coder-0.5b", 1, False), (BIG, 1, True)]


def test_a_missing_model_is_skipped_with_one_line(interns, tmp_path: Path) -> None:
    repo = _repo(tmp_path, '["local/no-such-model"]')
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["`parse_bool` goes here"], "response": STILL_WRONG}])
    result = interns("run", "--sandbox", "local", "--attempts", "1", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 4, result.stderr  # the first model's budget, spent: no crash
    assert "skipped a tier: local/no-such-model: no such bundled model" in result.stderr
    [task] = read_report(tmp_path / "r.json")["tasks"]
    assert task["reason"] == "budget:attempts" and [tier["model"] for tier in task["tiers"]] == ["local/qwen2.5-coder-0.5b"]


def test_the_escalate_flag_overrides_the_config(interns, tmp_path: Path) -> None:
    repo = _repo(tmp_path, f'["{BIG}"]')
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["`parse_bool` goes here"], "response": STILL_WRONG}])
    result = interns("run", "--sandbox", "local", "--attempts", "1", "--escalate", "", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 4, result.stderr
    [task] = read_report(tmp_path / "r.json")["tasks"]
    assert len(task["tiers"]) == 1 and "escalated" not in result.stderr


def test_a_tier_that_spent_its_share_of_the_budget_hands_the_task_on(interns, tmp_path: Path) -> None:
    # 70 tokens per replayed answer against a 200-token budget: the first model's share (0.3: 60
    # tokens) is spent by its first answer, so its second attempt is never asked; the next model solves it
    files = {**FILES, ".interns/config.toml": f'[models]\nshare = 0.3\nescalate = ["{BIG}"]\n'}
    files[".interns/specs/bool.md"] = files[".interns/specs/bool.md"].replace("budget: {attempts: 3}", "budget: {attempts: 3, tokens: 200}")
    repo = make_repo(tmp_path / "repo", files)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG},
        {"match": ["This Python function has a bug; a test fails:"], "response": RIGHT},  # the next model's own first answer
    ])
    result = interns("run", "--sandbox", "local", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 0, result.stderr
    [task] = read_report(tmp_path / "r.json")["tasks"]
    assert task["tier"] == BIG and [(tier["model"], tier["attempts"], tier["solved"]) for tier in task["tiers"]] == [("local/qwen2.5-coder-0.5b", 1, False), (BIG, 1, True)]
