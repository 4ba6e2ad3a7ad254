"""`--json` means the run's JSON report everywhere: `interns run --json -` prints the very report
`interns status RUN --json` shows later; `interns runs --json` lists runs as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from support.hello_spec import HELLO_SPEC
from support.repos import make_repo, run_interns

SPEC = HELLO_SPEC


def test_json_dash_is_the_report_on_stdout_the_same_as_status(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "x\n", ".interns/specs/hello.md": SPEC})
    cassette = tmp_path / "c.jsonl"
    cassette.write_text('{"match": ["# Task: Hello"], "response": "hello.py\\n```python\\nprint(1)\\n```\\n"}\n')
    run = run_interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", "-", cwd=repo)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)  # stdout is the report alone: progress and tables go to stderr
    assert report["totals"]["merged"] == 1 and not (repo / "-").exists()
    status = run_interns("status", report["run_id"], "--json", cwd=repo)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) == report and status.stdout == run.stdout
    listed = run_interns("runs", "--json", cwd=repo)
    assert [entry["run_id"] for entry in json.loads(listed.stdout)] == [report["run_id"]]
