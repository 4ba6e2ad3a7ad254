"""`interns spec check`: the config's `specs`, every problem in one pass, BOM, duplicate keys, run's task ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.repos import make_repo, read_report, run_interns

BASE = {"app/__init__.py": "", "app/core.py": "x = 1\n"}

TWO_TASKS = """---
id: calc
title: Calc
accept: ["true"]
tasks:
  - id: add
    title: Add
    files: [app/add.py]
  - id: mul
    title: Mul
    files: [app/mul.py]
    depends_on: [add]
---
Two helpers.
"""

MANY_PROBLEMS = "---\nid: bad\ntitle: Bad\ntitle: Twice\nfiles: [app/core.py]\naccept: [\"true\"]\nbudget:\n  attempts: many\ntasks:\n  - id: one\n    best_of: 0\n  - id: two\n    files: [\"app/*.rs\"]\n    depends_on: [nope]\n  - title: no id here\n  - id: one\n---\nBody.\n"


def test_reads_the_configs_specs_globs_like_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, "docs/specs/calc.md": TWO_TASKS, ".interns/config.toml": 'specs = ["docs/specs/*.md"]\n'})
    check = run_interns("spec", "check", cwd=repo)
    assert check.returncode == 0, check.stderr
    assert "1 spec(s), 2 task(s): ok" in check.stdout
    listed = [line.split(":")[0].strip() for line in check.stdout.splitlines()[1:]]
    assert listed == ["calc/add", "calc/mul"]
    # `interns run` with no paths reads the same files and names the tasks the same way
    report_path = tmp_path / "report.json"
    cassette = tmp_path / "c.jsonl"
    cassette.write_text("".join(
        f'{{"match": ["# Task: {title}"], "response": "app/{name}.py\\n```python\\nX = 1\\n```\\n", "repeat": true}}\n' for name, title in (("add", "Add"), ("mul", "Mul"))
    ))
    run = run_interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(report_path), cwd=repo)
    assert run.returncode == 0, run.stderr
    assert [task["id"] for task in read_report(report_path)["tasks"]] == listed


def test_every_problem_of_a_file_in_one_pass_with_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/bad.md": MANY_PROBLEMS})
    check = run_interns("spec", "check", cwd=repo)
    assert check.returncode == 2
    lines = [line for line in check.stderr.splitlines() if line.startswith(".interns/specs/bad.md:")]
    assert lines == [
        ".interns/specs/bad.md:4: duplicate key 'title' (first given on line 3)",
        ".interns/specs/bad.md:8: budget.attempts: Input should be a valid integer, unable to parse string as an integer",
        ".interns/specs/bad.md:11: task bad/one: best_of: Input should be greater than or equal to 1",
        ".interns/specs/bad.md:13: task bad/two: files: glob 'app/*.rs' matches no file in the repository",
        ".interns/specs/bad.md:14: depends_on: unknown id 'nope' (known ids: bad, bad/one, bad/two)",
        ".interns/specs/bad.md:15: task #3: missing required field 'id'",
        ".interns/specs/bad.md:16: duplicate task id 'bad/one'",
    ], check.stderr
    assert "7 problem(s)" in check.stderr


@pytest.mark.parametrize(
    ("line", "added", "message"),
    [
        # an unknown key names the task by its run id
        ("    title: Mul\n", "    acept: [x]\n", ".interns/specs/calc.md:11: unknown key 'acept' in task calc/mul (did you mean 'accept'?)"),
        ("    files: [app/mul.py]\n", "    files: [app/other.py]\n", ".interns/specs/calc.md:12: duplicate key 'files' (first given on line 11)"),
    ],
)
def test_a_bad_key_in_a_task_is_refused_with_its_line(tmp_path: Path, line: str, added: str, message: str) -> None:
    repo = make_repo(tmp_path / "repo", {**BASE, ".interns/specs/calc.md": TWO_TASKS.replace(line, line + added)})
    check = run_interns("spec", "check", cwd=repo)
    assert check.returncode == 2
    assert message in check.stderr


def test_utf8_with_a_bom_is_read(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", BASE)
    spec = repo / ".interns" / "specs" / "calc.md"
    spec.parent.mkdir(parents=True)
    spec.write_bytes(b"\xef\xbb\xbf" + TWO_TASKS.replace("title: Calc", "title: Calc \u00e9t\u00e9").encode("utf-8"))
    check = run_interns("spec", "check", cwd=repo)
    assert check.returncode == 0, check.stderr
    assert "1 spec(s), 2 task(s): ok" in check.stdout
