"""The GitHub Action's own steps, run locally on a temporary repository (the commands it runs, as written).

Steps that `uses:` GitHub's actions (checkout, setup-python, cache, upload-artifact) belong to GitHub and
are skipped; every `run:` step executes with bash, its `${{ inputs.* }}` filled in as GitHub would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree

from support.repos import git, make_repo, whole_file, write_cassette

ROOT = Path(__file__).resolve().parents[2]
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def _render(text: str, inputs: dict[str, str]) -> str:
    rendered = INPUT.sub(lambda match: inputs[match.group(1)], text)
    assert "${{" not in rendered, f"a run step uses an expression the local runner cannot fill: {rendered}"
    return rendered


def _docker_ready() -> bool:
    try:
        import docker

        docker.from_env(timeout=5).ping()
        return True
    except Exception:
        return False


def test_action_declares_a_composite_with_documented_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"since", "model", "parallel", "push-branch", "install", "reports", "extra-args"} <= set(action["inputs"])
    assert any("upload-artifact" in step.get("uses", "") for step in action["runs"]["steps"])


@pytest.mark.docker
@pytest.mark.model
@pytest.mark.slow
def test_action_steps_run_the_changed_specs_and_write_reports(tmp_path: Path) -> None:
    if not _docker_ready():
        pytest.skip("no Docker engine answers: the action builds the sandbox image")
    spec = lambda spec_id, title, value: f"---\nid: {spec_id}\ntitle: {title}\nfiles: [pkg/{spec_id}.py]\naccept: [\"python -c 'from pkg.{spec_id} import V; assert V == {value}'\"]\n---\nSet V = {value}.\n"
    repo = make_repo(tmp_path / "repo", {"pkg/__init__.py": "", ".interns/specs/old.md": spec("old", "Old", 1)})
    base = git(repo, "rev-parse", "HEAD")
    (repo / ".interns/specs/new.md").write_text(spec("new", "New", 2))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new spec in the pull request")
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: New"], "response": whole_file("pkg/new.py", "V = 2\n")}])

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = {name: str(meta.get("default", "")) for name, meta in action["inputs"].items()}
    inputs.update({"since": base, "push-branch": "interns/pr-7", "reports": str(tmp_path / "reports"), "extra-args": f"--replay {cassette} --sandbox local"})
    home = tmp_path / "home"
    home.mkdir()
    from interns.local_model.paths import cache_root

    env = {
        **os.environ, "HOME": str(home), "INTERNS_CACHE_DIR": str(cache_root()),
        "GITHUB_OUTPUT": str(tmp_path / "github_output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "step_summary.md"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    codes = {}
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        step_env = {key: _render(str(value), inputs) for key, value in (step.get("env") or {}).items()}
        result = subprocess.run(["bash", "-eo", "pipefail", "-c", _render(step["run"], inputs)], cwd=repo, env={**env, **step_env}, capture_output=True, text=True, timeout=1800)
        codes[step["name"]] = result.returncode
        assert result.returncode == 0, f"{step['name']}: {result.stdout}\n{result.stderr}"

    assert (tmp_path / "github_output").read_text().strip() == "exit-code=0"
    report = yaml.safe_load((tmp_path / "reports" / "report.json").read_text())
    assert [task["id"] for task in report["tasks"]] == ["new"]  # only the spec the pull request added
    assert git(repo, "rev-parse", "interns/pr-7") == report["integration_commit"]
    assert "| `new` | ✅ merged |" in (tmp_path / "step_summary.md").read_text()
    junit = etree.parse(str(tmp_path / "reports" / "junit.xml"))
    assert junit.getroot().find("testsuite").get("tests") == "1"
    assert (home / ".cache" / "interns" / "sandbox-image.tar").stat().st_size > 1_000_000
