"""The GitHub Action's own steps, run locally on a temporary repository (the commands it runs, as written).

Steps that `uses:` GitHub's actions (checkout, setup-python, cache, upload-artifact) belong to GitHub and
are skipped; every `run:` step executes with bash, its `${{ inputs.* }}` and `${{ github.action_path }}`
filled in as GitHub would. The action's checkout is a copy of this working tree; interns is installed
from it into a fresh virtual environment (the project's dependencies are lent from this environment
through a .pth file so nothing but the build requirements is downloaded); origin is a local bare repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from lxml import etree

from support.repos import git, make_repo, whole_file, write_cassette

ROOT = Path(__file__).resolve().parents[3]
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
ACTION_PATH = re.compile(r"\$\{\{\s*github\.action_path\s*\}\}")


def _render(text: str, inputs: dict[str, str], action_path: Path | None = None) -> str:
    rendered = INPUT.sub(lambda match: inputs[match.group(1)], text)
    if action_path is not None:
        rendered = ACTION_PATH.sub(str(action_path), rendered)
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
    assert {"since", "model", "parallel", "push-branch", "extras", "reports", "extra-args"} <= set(action["inputs"])
    assert any("upload-artifact" in step.get("uses", "") for step in action["runs"]["steps"])
    # interns comes from the action's own checkout, never by name from a package index
    install = next(step for step in action["runs"]["steps"] if "pip install" in step.get("run", ""))
    assert install["env"]["INTERNS_SOURCE"] == "${{ github.action_path }}" and "interns[" not in install["run"]


def _action_checkout(destination: Path) -> Path:
    """The files a `uses: owner/interns@ref` checkout holds: this tree's tracked and new files."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def _fresh_venv(where: Path) -> Path:
    """A new virtual environment that sees this one's packages (dependencies and model parts) but not
    its interns: a .pth line adds the site folder, whose own .pth files (the editable install) stay unread."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, capture_output=True, timeout=300)
    site = next((where / "lib").glob("python3*/site-packages"))
    (site / "lent-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return where / "bin"


def _origin(repo: Path, bare: Path) -> Path:
    """A bare repository as the checkout's origin, its branches fetched as remote-tracking refs."""
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    git(repo, "fetch", "-q", "origin")
    return bare


@pytest.mark.docker
@pytest.mark.model
@pytest.mark.slow
def test_action_steps_install_from_the_action_run_the_changed_specs_and_push(tmp_path: Path) -> None:
    if not _docker_ready():
        pytest.skip("no Docker engine answers: the action builds the sandbox image")
    spec = lambda spec_id, title, value: f"---\nid: {spec_id}\ntitle: {title}\nfiles: [pkg/{spec_id}.py]\naccept: [\"python -c 'from pkg.{spec_id} import V; assert V == {value}'\"]\n---\nSet V = {value}.\n"
    repo = make_repo(tmp_path / "repo", {"pkg/__init__.py": "", ".interns/specs/old.md": spec("old", "Old", 1)})
    base = git(repo, "rev-parse", "HEAD")
    origin = _origin(repo, tmp_path / "origin.git")
    (repo / ".interns/specs/new.md").write_text(spec("new", "New", 2))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a new spec in the pull request")
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: New"], "response": whole_file("pkg/new.py", "V = 2\n")}])

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    action_path = _action_checkout(tmp_path / "action")
    venv_bin = _fresh_venv(tmp_path / "venv")
    inputs = {name: str(meta.get("default", "")) for name, meta in action["inputs"].items()}
    inputs.update({"since": base, "push-branch": "interns/pr-7", "reports": str(tmp_path / "reports"), "extra-args": f"--replay {cassette} --sandbox local"})
    home = tmp_path / "home"
    home.mkdir()
    from interns.local_model.paths import cache_root

    env = {
        **{key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")},
        "HOME": str(home), "INTERNS_CACHE_DIR": str(cache_root()), "VIRTUAL_ENV": str(venv_bin.parent),
        "GITHUB_OUTPUT": str(tmp_path / "github_output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "step_summary.md"),
        "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}",  # setup-python's python: the fresh environment
    }

    def run_step(step: dict) -> subprocess.CompletedProcess[str]:
        step_env = {key: _render(str(value), inputs, action_path) for key, value in (step.get("env") or {}).items()}
        return subprocess.run(["bash", "-eo", "pipefail", "-c", _render(step["run"], inputs, action_path)], cwd=repo, env={**env, **step_env}, capture_output=True, text=True, timeout=1800)

    steps = {step["name"]: step for step in action["runs"]["steps"] if "run" in step}
    for name, step in steps.items():
        result = run_step(step)
        assert result.returncode == 0, f"{name}: {result.stdout}\n{result.stderr}"

    # interns ran from the copy installed out of the action's checkout, not from this environment (asked
    # in the checkout the steps ran in: in this repo's root, its interns/ folder would be found first)
    where = subprocess.run([str(venv_bin / "python"), "-c", "import interns, sys; print(interns.__file__)"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(venv_bin.parent)), where
    assert (venv_bin / "interns").exists()

    assert (tmp_path / "github_output").read_text().strip() == "exit-code=0"
    report = yaml.safe_load((tmp_path / "reports" / "report.json").read_text())
    assert [task["id"] for task in report["tasks"]] == ["new"]  # only the spec the pull request added
    assert git(repo, "rev-parse", "interns/pr-7") == report["integration_commit"]
    # really pushed: origin has the branch at the integration commit
    assert git(repo, "--git-dir", str(origin), "rev-parse", "refs/heads/interns/pr-7") == report["integration_commit"]
    assert "| `new` | ✅ merged |" in (tmp_path / "step_summary.md").read_text()
    junit = etree.parse(str(tmp_path / "reports" / "junit.xml"))
    assert junit.getroot().find("testsuite").get("tests") == "1"
    assert (home / ".cache" / "interns" / "sandbox-image.tar").stat().st_size > 1_000_000

    # someone pushes to the branch after the run looked: the push step refuses to overwrite their work
    colleague = tmp_path / "colleague"
    subprocess.run(["git", "clone", "-q", str(origin), str(colleague)], check=True)
    git(colleague, "checkout", "-q", "interns/pr-7")
    (colleague / "theirs.txt").write_text("a colleague's work\n")
    git(colleague, "add", "-A")
    git(colleague, "commit", "-qm", "colleague")
    git(colleague, "push", "-q", "origin", "interns/pr-7")
    theirs = git(colleague, "rev-parse", "HEAD")
    refused = run_step(steps["Push the result branch"])
    assert refused.returncode != 0 and "stale info" in refused.stderr, refused.stdout + refused.stderr
    assert git(repo, "--git-dir", str(origin), "rev-parse", "refs/heads/interns/pr-7") == theirs
