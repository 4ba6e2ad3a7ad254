"""Bad input: every spec mistake is reported as path:line with exit 2; dirty trees are refused;
an unreachable model is an infrastructure error (exit 3), not a failed task."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.repos import git, make_repo, read_report
from support.shared_specs import spec

BASE = {"app/__init__.py": "", "app/core.py": "x = 1\n"}

GOOD = spec("good", "Fine", "app/core.py", "true", body="Body.")

# spec() writes `---`, id, title, files and accept on lines 1 to 5; its `extra` lines start at line 6
BAD_SPECS = {
    "missing field": ("""---
id: nofiles
title: No accept
files: [app/core.py]
---
""", ".interns/specs/bad.md:1: missing required field 'accept'"),
    "unknown key": (spec("typo", "Typo", "app/core.py", "true", extra='acept: ["true"]\n'), ".interns/specs/bad.md:6: unknown key 'acept' (did you mean 'accept'?)"),
    "bad yaml": ("""---
id: broken
title: [unclosed
files: [app/core.py]
---
""", ".interns/specs/bad.md:4: bad YAML"),
    "glob matching nothing": (spec("globs", "Globs", '"app/*.rs"', "true"), ".interns/specs/bad.md:4: files: glob 'app/*.rs' matches no file in the repository"),
    "unknown dependency": (spec("deps", "Deps", "app/core.py", "true", extra="depends_on: [good, goood-2]\n"), ".interns/specs/bad.md:6: depends_on: unknown id 'goood-2'"),
    "dependency cycle": (
        spec("cyc", "Cycle", "app/core.py", "true", extra="tasks:\n  - id: a\n    depends_on: [b]\n  - id: b\n    depends_on: [a]\n"),
        "dependency cycle: cyc/a -> cyc/b -> cyc/a",
    ),
    "bad budget value": (spec("budget", "Budget", "app/core.py", "true", extra="budget:\n  attempts: many\n"), ".interns/specs/bad.md:7: budget.attempts: Input should be a valid integer"),
    "no front matter": ("# Just markdown\n", ".interns/specs/bad.md:1: a spec starts with a '---' line"),
}


@pytest.mark.parametrize("case", sorted(BAD_SPECS))
def test_bad_spec_is_exit_2_with_path_and_line(interns, tmp_path: Path, case: str) -> None:
    text, expected = BAD_SPECS[case]
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/good.md": GOOD, ".interns/specs/bad.md": text})
    check = interns("spec", "check", cwd=repo)
    assert check.returncode == 2
    assert expected in check.stderr, check.stderr
    run = interns("run", "--sandbox", "local", "--plain", cwd=repo)
    assert run.returncode == 2
    assert expected in run.stderr
    assert git(repo, "branch", "--list", "interns/*") == ""  # nothing was started


def test_good_specs_pass_the_check(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/good.md": GOOD})
    check = interns("spec", "check", cwd=repo)
    assert check.returncode == 0, check.stderr
    assert "1 spec(s), 1 task(s): ok" in check.stdout


def test_dirty_tree_is_refused_and_left_alone(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/good.md": GOOD})
    (repo / "app" / "core.py").write_text("x = 2  # my uncommitted work\n")
    (repo / "scratch.txt").write_text("notes")
    run = interns("run", "--sandbox", "local", "--plain", cwd=repo)
    assert run.returncode == 2
    assert "uncommitted changes" in run.stderr and "--allow-dirty" in run.stderr
    assert (repo / "app" / "core.py").read_text() == "x = 2  # my uncommitted work\n"
    assert (repo / "scratch.txt").read_text() == "notes"


def test_allow_dirty_uses_the_committed_state_only(interns, tmp_path: Path) -> None:
    committed_only = spec("good", "Fine", "app/core.py", "python -c 'import app.core as c; assert c.x == 1'", body="Body.")
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/good.md": committed_only})
    (repo / "app" / "core.py").write_text("x = 2  # my uncommitted work\n")
    cassette = tmp_path / "c.jsonl"
    cassette.write_text('{"match": ["# Task: Fine"], "response": "app/core.py\\n```python\\nx = 1\\ny = 2\\n```\\n"}\n')
    run = interns("run", "--sandbox", "local", "--plain", "--allow-dirty", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert run.returncode == 0, run.stderr
    assert (repo / "app" / "core.py").read_text() == "x = 2  # my uncommitted work\n"


def test_unreachable_model_is_exit_3(interns, tmp_path: Path) -> None:
    files = {**BASE, ".interns/specs/good.md": GOOD, ".interns/config.toml": "[models]\nretries = 0\ntimeout_s = 5\n"}
    repo = make_repo(tmp_path / "repo", files)
    report_path = tmp_path / "r.json"
    # port 9 (discard) on loopback: nothing listens, the connection is refused at once
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_BASE": "http://127.0.0.1:9/v1"}
    run = interns("run", "--sandbox", "local", "--plain", "--model", "openai/some-model", "--json", str(report_path), cwd=repo, env=env)
    assert run.returncode == 3, run.stderr
    report = read_report(report_path)
    assert report["status"] == "infrastructure" and report["reason_code"] == "model unreachable"
    assert report["tasks"][0]["status"] == "infra_error" and report["tasks"][0]["reason"] == "model unreachable"


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, ("--replay", "no-such-cassette.jsonl"), "cannot read cassette"),
        ({".interns/config.toml": "paralel = 3\n"}, (), "unknown key 'paralel' (did you mean 'parallel'?)"),
    ],
    ids=["missing cassette", "bad config key"],
)
def test_bad_run_input_is_exit_2(interns, tmp_path: Path, files: dict[str, str], args: tuple[str, ...], message: str) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/good.md": GOOD, **files})
    run = interns("run", "--sandbox", "local", "--plain", *args, cwd=repo)
    assert run.returncode == 2 and message in run.stderr


@pytest.mark.parametrize(("args", "message"), [(("model", "install", "extra-arg"), "unexpected extra argument"), (("run", "--paralel", "2"), "No such option")])
def test_bad_flags_are_exit_2_with_a_message_not_a_traceback(interns, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    run = interns(*args, cwd=tmp_path)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr
