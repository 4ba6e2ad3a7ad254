"""`review: manual`: the graph pauses before the merge until a person approves or rejects."""

from __future__ import annotations

from pathlib import Path

from support.repos import git, make_repo, read_report, whole_file, write_cassette
from support.shared_specs import FLAG_SPEC

FILES = {"app/__init__.py": "", ".interns/specs/flag.md": FLAG_SPEC}


def _paused_run(interns, tmp_path: Path) -> tuple[Path, dict]:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Feature flag"], "response": whole_file("app/flags.py", "ENABLED = True\n")}])
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert result.returncode == 1, result.stderr
    report = read_report(tmp_path / "r.json")
    assert report["status"] == "awaiting_review" and report["awaiting_review"] == ["flag"]
    assert report["tasks"][0]["status"] == "validated" and report["tasks"][0]["merge_commit"] is None
    assert "interns review" in result.stderr
    return repo, report


def test_approve_merges(interns, tmp_path: Path) -> None:
    repo, report = _paused_run(interns, tmp_path)
    assert git(repo, "rev-parse", report["integration_branch"]) == report["base_commit"]
    approved = interns("review", report["run_id"], "--approve", "flag", "--plain", "--json", str(tmp_path / "a.json"), cwd=repo)
    assert approved.returncode == 0, approved.stderr
    final = read_report(tmp_path / "a.json")
    assert final["tasks"][0]["status"] == "merged"
    assert git(repo, "show", f"{final['integration_branch']}:app/flags.py") == "ENABLED = True"


def test_reject_drops_the_change(interns, tmp_path: Path) -> None:
    repo, report = _paused_run(interns, tmp_path)
    rejected = interns("review", report["run_id"], "--reject", "flag", "--plain", "--json", str(tmp_path / "a.json"), cwd=repo)
    assert rejected.returncode == 1, rejected.stderr
    final = read_report(tmp_path / "a.json")
    assert final["tasks"][0]["status"] == "rejected"
    assert git(repo, "rev-parse", final["integration_branch"]) == final["base_commit"]


def test_review_of_an_unknown_task_is_bad_input(interns, tmp_path: Path) -> None:
    repo, report = _paused_run(interns, tmp_path)
    wrong = interns("review", report["run_id"], "--approve", "nope", cwd=repo)
    assert wrong.returncode == 2 and "not awaiting review" in wrong.stderr
