"""A spec touching one function of a ~5,000-line module: a small prompt, a symbol edit, the rest intact."""

from __future__ import annotations

from pathlib import Path

from support.big_module import make_big_module, parse_duration_answer
from support.repos import git, make_repo, read_report, write_cassette

PROMPT_BUDGET = 2000


SPEC = f"""---
id: duration
title: Parse durations
files: [inv/inventory.py]
accept: ["python -c 'from inv.inventory import parse_duration as p; assert p(\\"1h30m\\") == 5400 and p(\\"45s\\") == 45'"]
---
Implement `parse_duration(text)` in inv/inventory.py: "1h30m" -> 5400 seconds (units h, m, s, see UNITS).
"""

ANSWER = parse_duration_answer("inv/inventory.py")


def test_one_function_of_a_big_module(interns, tmp_path: Path) -> None:
    source = make_big_module()
    assert source.count("\n") > 4900
    repo = make_repo(tmp_path / "repo", {"inv/__init__.py": "", "inv/inventory.py": source, ".interns/specs/duration.md": SPEC, ".interns/config.toml": f"[models]\nprompt_tokens = {PROMPT_BUDGET}\nanswer_form = \"edit-blocks\"\n"})
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Parse durations", "PARTIAL VIEW", "def parse_duration"], "response": ANSWER}])
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    task = report["tasks"][0]
    assert task["status"] == "merged"
    assert 0 < task["prefix_tokens"] <= PROMPT_BUDGET
    assert task["context"]["inv/inventory.py"].startswith("symbols: parse_duration")

    after = git(repo, "show", f"{report['integration_branch']}:inv/inventory.py") + "\n"
    start = source.index("def parse_duration")
    end_old = source.index("\n\n\n", start)
    end_new = after.index("\n\n\n", start)
    assert after[:start] == source[:start]  # everything before the function: byte-identical
    assert after[end_new:] == source[end_old:]  # everything after it: byte-identical
    assert "re.findall" in after[start:end_new] and "NotImplementedError" not in after[start:end_new]


def test_a_symbol_edit_that_does_not_parse_is_reasked_and_a_whole_rewrite_refused(interns, tmp_path: Path) -> None:
    source = make_big_module()
    repo = make_repo(tmp_path / "repo", {"inv/__init__.py": "", "inv/inventory.py": source, ".interns/specs/duration.md": SPEC, ".interns/config.toml": f"max_parse_retries = 2\n[models]\nprompt_tokens = {PROMPT_BUDGET}\nanswer_form = \"edit-blocks\"\n"})
    broken = "inv/inventory.py::parse_duration\n```python\ndef parse_duration(text:\n    return 0\n```\n"
    whole = "inv/inventory.py\n```python\ndef parse_duration(text):\n    return 0\n```\n"
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Task: Parse durations"], "response": broken},
        {"match": ["could not be used", "not valid Python"], "response": whole},
        {"match": ["shown only in part"], "response": ANSWER},
    ])
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert result.returncode == 0, result.stderr
    task = read_report(tmp_path / "r.json")["tasks"][0]
    assert task["status"] == "merged" and task["malformed_answers"] == 2 and task["answers"] == 3
