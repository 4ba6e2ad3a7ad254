"""Reports never break CI: terminal escapes and other XML-invalid characters are stripped from the JUnit
report (still schema-valid), a ``` in failing output cannot close the summary's code fence, and a report
that cannot be written is an error line that neither changes the exit code nor skips the other reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from interns.reports.junit import junit_xml
from interns.reports.summary import markdown_summary
from support.repos import make_repo, read_report, whole_file, write_cassette

SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "junit" / "junit-ci.xsd"
# What `tput sgr0`, colours, a bell, a form feed and the non-character U+FFFE look like in output.
NOISY = r"printf 'styled\033(B\033[m \033[31mred\033[0m bell\a ff\f nul-ish\001\002 nonchar\357\277\276 end\n'"
FENCED = r"printf 'before\n```\ninside a fence of its own\n````\nafter\n'"


def _spec(spec_id: str, title: str, accept: str) -> str:
    return f"---\nid: {spec_id}\ntitle: {title}\nfiles: [{spec_id}.txt]\naccept: [{json.dumps(accept)}]\n---\nWrite {spec_id}.txt.\n"


def _repo(tmp_path: Path, specs: dict[str, tuple[str, str]]) -> tuple[Path, Path]:
    files = {"README.md": "# r\n", **{f".interns/specs/{spec_id}.md": _spec(spec_id, title, accept) for spec_id, (title, accept) in specs.items()}}
    repo = make_repo(tmp_path / "repo", files)
    answers = [{"match": [f"# Task: {title}"], "response": whole_file(f"{spec_id}.txt", "x\n"), "repeat": True} for spec_id, (title, _) in specs.items()]
    return repo, write_cassette(tmp_path / "c.jsonl", answers)


def _validate(path: Path) -> etree._ElementTree:
    document = etree.parse(str(path))  # raises on any XML-invalid character
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(document), schema.error_log
    return document


def test_junit_with_terminal_escapes_and_control_characters_is_schema_valid(interns, tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path, {"noisy": ("Noisy", f"{NOISY}; exit 1")})
    junit = tmp_path / "junit.xml"
    result = interns("run", "--sandbox", "local", "--plain", "--attempts", "1", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--junit", str(junit), cwd=repo)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "\x1b" in read_report(tmp_path / "r.json")["tasks"][0]["failing_output"]  # the raw output did carry escapes
    failure = _validate(junit).getroot().find("testsuite/testcase[@name='noisy']/failure")
    assert "styled red bell ff nul-ish nonchar end" in failure.text  # the text stays, the escapes go


def test_junit_strips_lone_surrogates_and_noncharacters() -> None:
    task = {"id": "t", "spec_id": "t", "seconds": 1.0, "status": "failed", "reason": "bad\x1b[31m reason\x07", "attempts": 1, "tokens": 1, "branch": "b",
            "failing_output": "lone \ud800 surrogate, \ufffe and \uffff, esc \x1b(B\x1b[m, vt \x0b, kept: tab\t é 😀"}
    text = junit_xml({"run_id": "r", "tasks": [task]}).tostring().decode("utf-8")  # a lone surrogate cannot even be encoded
    root = etree.fromstring(text.encode())
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "failed: bad reason"
    assert failure.text == "lone  surrogate,  and , esc , vt , kept: tab\t é 😀"


def test_backticks_in_failing_output_keep_the_summary_fence_intact(interns, tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path, {"fenced": ("Fenced", f"{FENCED}; exit 1")})
    summary = tmp_path / "summary.md"
    result = interns("run", "--sandbox", "local", "--plain", "--attempts", "1", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--summary", str(summary), cwd=repo)
    assert result.returncode == 4, result.stdout + result.stderr
    block = summary.read_text().split("<details><summary>fenced: failing output</summary>\n\n", 1)[1].split("</details>", 1)[0]
    opening = block.splitlines()[0]
    assert re.fullmatch(r"`{5,}", opening), opening  # longer than the output's longest run (````)
    body, closing = block.rstrip("\n").rsplit("\n", 1)
    assert closing == opening and "```\ninside a fence of its own\n````\nafter" in body
    # no line inside could close it: CommonMark closes a fence only with at least as many backticks
    assert not [line for line in body.splitlines()[1:] if re.fullmatch(r"`{%d,}\s*" % len(opening), line)]


def test_summary_fence_is_three_backticks_for_plain_output() -> None:
    task = {"id": "t", "status": "failed", "reason": "r", "attempts": 1, "tokens": 1, "seconds": 1.0, "failing_output": "plain\n"}
    report = {"run_id": "r", "status": "failed", "reason": None, "integration_branch": "b", "integration_commit": None, "seconds": 1.0,
              "model": {"intern": "m"}, "sandbox": "local", "totals": {"merged": 0, "tasks": 1, "tokens": 1}, "tasks": [task]}
    assert "\n```\nplain\n```\n" in markdown_summary(report)


def test_a_report_that_cannot_be_written_changes_nothing_else(interns, tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path, {"fine": ("Fine", "true")})
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    summary, json_path = tmp_path / "summary.md", tmp_path / "r.json"
    # the JUnit report (written between the JSON report and the summary) cannot be written
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(json_path), "--junit", str(blocker / "junit.xml"), "--summary", str(summary), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"error: cannot write the JUnit report to {blocker / 'junit.xml'}" in result.stderr
    assert read_report(json_path)["exit_code"] == 0
    assert "| `fine` | ✅ merged |" in summary.read_text()

    # the JSON report cannot be written: JUnit and the summary still are
    junit = tmp_path / "junit.xml"
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(blocker / "r.json"), "--junit", str(junit), "--summary", str(summary), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"error: cannot write the JSON report to {blocker / 'r.json'}" in result.stderr
    _validate(junit)
    assert summary.read_text().count("| `fine` | ✅ merged |") == 2
