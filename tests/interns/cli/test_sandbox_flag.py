"""`--sandbox` accepts what the config's `sandbox.backend` accepts, on every command, with one message."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.hello_spec import HELLO_SPEC
from support.repos import make_repo, run_interns

SPEC = HELLO_SPEC
MESSAGE = "'vm' is not one of auto, docker, local"


@pytest.mark.parametrize("command", [["run"], ["eval", "--list"], ["demo"], ["tui"]], ids=lambda words: words[0])
def test_every_sandbox_flag_refuses_the_same_way(tmp_path: Path, command: list[str]) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "x\n", ".interns/specs/hello.md": SPEC})
    result = run_interns(*command, "--sandbox", "vm", cwd=repo, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"--sandbox: {MESSAGE}" in result.stderr
    assert "interns/" not in run_git_branches(repo)


def test_config_backend_is_refused_with_the_same_message(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "x\n", ".interns/specs/hello.md": SPEC, ".interns/config.toml": '[sandbox]\nbackend = "vm"\n'})
    result = run_interns("run", cwd=repo, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"sandbox.backend: {MESSAGE}" in result.stderr


def test_tui_takes_auto_like_the_config(tmp_path: Path) -> None:
    """`auto` is the config's default; `interns tui` refused it. It now gets past the flag to the next
    check (here: the folder is no git repository)."""
    plain = tmp_path / "not-a-repo"
    plain.mkdir()
    result = run_interns("tui", "--sandbox", "auto", "--repo", str(plain), cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "--sandbox" not in result.stderr and "not a git repository" in result.stderr


def run_git_branches(repo: Path) -> str:
    from support.repos import git

    return git(repo, "branch", "--list")
