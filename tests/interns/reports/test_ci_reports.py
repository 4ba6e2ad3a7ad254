"""interns in CI: changed-specs runs, JUnit (schema-valid), the Markdown summary, --push-branch."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from support.repos import git, make_repo, read_report, whole_file, write_cassette

SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "junit" / "junit-ci.xsd"


def _spec(spec_id: str, title: str, module: str, value: int, depends: str = "") -> str:
    return f"""---
id: {spec_id}
title: {title}
files: [pkg/{module}.py]
accept: ["python -c 'from pkg.{module} import VALUE; assert VALUE == {value}'"]
{f"depends_on: [{depends}]" if depends else ""}
---
Set VALUE = {value} in pkg/{module}.py.
"""


def _answers() -> list[dict]:
    return [
        {"match": [f"# Task: {title}"], "response": whole_file(f"pkg/{module}.py", f"VALUE = {value}\n"), "repeat": True}
        for title, module, value in (("Alpha", "alpha", 1), ("Beta", "beta", 2), ("Gamma", "gamma", 3), ("Delta", "delta", 4))
    ]


@pytest.fixture
def three_commits(tmp_path: Path) -> tuple[Path, list[str]]:
    """A repo whose history adds a spec per commit: alpha, then beta, then gamma (depending on beta) and
    a change to delta; returns the repo and the commits."""
    repo = make_repo(tmp_path / "repo", {"pkg/__init__.py": "", ".interns/specs/alpha.md": _spec("alpha", "Alpha", "alpha", 1), ".interns/specs/delta.md": _spec("delta", "Delta", "delta", 0)})
    commits = [git(repo, "rev-parse", "HEAD")]
    (repo / ".interns/specs/beta.md").write_text(_spec("beta", "Beta", "beta", 2))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "beta spec")
    commits.append(git(repo, "rev-parse", "HEAD"))
    (repo / ".interns/specs/gamma.md").write_text(_spec("gamma", "Gamma", "gamma", 3, depends="beta"))
    (repo / ".interns/specs/delta.md").write_text(_spec("delta", "Delta", "delta", 4))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "gamma spec, delta changed")
    commits.append(git(repo, "rev-parse", "HEAD"))
    return repo, commits


def _run(interns, repo: Path, tmp_path: Path, *extra: str):
    cassette = write_cassette(tmp_path / "c.jsonl", _answers())
    return interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), *extra, cwd=repo)


def test_changed_since_picks_added_and_changed_specs_and_their_dependents(interns, three_commits, tmp_path: Path) -> None:
    repo, commits = three_commits
    result = _run(interns, repo, tmp_path, "--changed-since", commits[1])
    assert result.returncode == 0, result.stderr
    assert sorted(task["id"] for task in read_report(tmp_path / "r.json")["tasks"]) == ["delta", "gamma"]

    result = _run(interns, repo, tmp_path, "--changed-since", commits[0])
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    assert sorted(task["id"] for task in report["tasks"]) == ["beta", "delta", "gamma"]
    assert next(task for task in report["tasks"] if task["id"] == "gamma")["status"] == "merged"


def test_changed_since_with_nothing_changed_runs_nothing(interns, three_commits, tmp_path: Path) -> None:
    repo, commits = three_commits
    result = _run(interns, repo, tmp_path, "--changed-since", commits[2])
    assert result.returncode == 0, result.stderr
    assert read_report(tmp_path / "r.json")["tasks"] == []


def test_changed_since_unknown_revision_is_bad_input(interns, three_commits, tmp_path: Path) -> None:
    repo, _ = three_commits
    result = _run(interns, repo, tmp_path, "--changed-since", "no-such-rev")
    assert result.returncode == 2 and "unknown revision 'no-such-rev'" in result.stderr


def test_junit_is_schema_valid_with_counts_and_failure_output(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {
        "pkg/__init__.py": "",
        ".interns/specs/alpha.md": _spec("alpha", "Alpha", "alpha", 1),
        ".interns/specs/beta.md": _spec("beta", "Beta", "beta", 99).replace("budget", "b"),
        ".interns/specs/gamma.md": _spec("gamma", "Gamma", "gamma", 3, depends="beta"),
    })
    junit = tmp_path / "junit.xml"
    result = _run(interns, repo, tmp_path, "--attempts", "1", "--junit", str(junit))
    assert result.returncode == 4, result.stderr  # beta runs out of attempts, gamma is skipped
    document = etree.parse(str(junit))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(document), schema.error_log
    suite = document.getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("3", "1", "1", "0")
    failure = suite.find("testcase[@name='beta']/failure")
    assert failure.get("message") == "budget_exhausted: budget:attempts"
    assert "AssertionError" in failure.text
    assert suite.find("testcase[@name='gamma']/skipped").get("message").startswith("skipped: dependency failed")
    assert suite.find("testcase[@name='alpha']").find("failure") is None


def test_markdown_summary_renders_the_table(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"pkg/__init__.py": "", ".interns/specs/alpha.md": _spec("alpha", "Alpha", "alpha", 1)})
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    result = _run(interns, repo, tmp_path, "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("# earlier step\n")  # appended, like $GITHUB_STEP_SUMMARY expects
    assert "| task | status | attempts | tokens | time (s) | merge commit |" in text
    assert "| `alpha` | ✅ merged | 1 | 70 |" in text


def test_push_branch_leaves_the_result_and_refuses_to_clobber(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"pkg/__init__.py": "", ".interns/specs/alpha.md": _spec("alpha", "Alpha", "alpha", 1)})
    result = _run(interns, repo, tmp_path, "--push-branch", "interns/pr-1")
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    assert git(repo, "rev-parse", "interns/pr-1") == report["integration_commit"]

    # someone else's commit on the branch: a new run must refuse before doing anything
    git(repo, "checkout", "-q", "interns/pr-1")
    (repo / "theirs.txt").write_text("a colleague's work\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "colleague")
    theirs = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "main")
    refused = _run(interns, repo, tmp_path, "--push-branch", "interns/pr-1")
    assert refused.returncode == 2 and "has commits this run does not have" in refused.stderr
    assert git(repo, "rev-parse", "interns/pr-1") == theirs

    # the checked-out branch is never a push target
    assert _run(interns, repo, tmp_path, "--push-branch", "main").returncode == 2
