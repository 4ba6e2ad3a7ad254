"""Fail closed: without a usable Docker engine, `interns run` and `interns demo` refuse (exit 3) and name
`--sandbox local`; asked for by name, the local backend runs, warns, and passes an allow-listed
environment only (no API keys or tokens). Real `interns` subprocesses on real git repositories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interns.sandbox.local_environment import is_allowed
from support.repos import git, make_repo, read_report, run_interns, whole_file, write_cassette

NO_ENGINE = {"DOCKER_HOST": "unix:///nonexistent.sock"}
SECRETS = {"OPENAI_API_KEY": "secret-openai", "GITHUB_TOKEN": "secret-github", "AWS_SECRET_ACCESS_KEY": "secret-aws", "AWS_ACCESS_KEY_ID": "secret-aws-id"}
# What interns itself sets for every local command (its kill markers), and what bash sets on its own.
OWN_VARIABLES = {"INTERNS_SANDBOX_ID", "INTERNS_SANDBOX_EXEC", "INTERNS_SANDBOX_RUN", "INTERNS_SANDBOX_OWNER", "PWD", "OLDPWD", "SHLVL", "_"}


def _probe_repo(root: Path, env_file: Path) -> tuple[Path, Path]:
    spec = f"---\nid: probe\ntitle: Probe\nfiles: [probe.txt]\naccept: [\"env > {env_file}\"]\n---\nWrite probe.txt.\n"
    repo = make_repo(root / "repo", {"README.md": "# probe\n", ".interns/specs/probe.md": spec})
    cassette = write_cassette(root / "c.jsonl", [{"match": ["# Task: Probe"], "response": whole_file("probe.txt", "probed\n")}])
    return repo, cassette


@pytest.mark.parametrize("choice", [(), ("--sandbox", "auto")], ids=["default", "auto"])
def test_auto_without_an_engine_exits_3_naming_sandbox_local(tmp_path: Path, choice: tuple[str, ...]) -> None:
    env_file = tmp_path / "env.txt"
    repo, cassette = _probe_repo(tmp_path, env_file)
    result = run_interns("run", *choice, "--plain", "--replay", str(cassette), cwd=repo, env=NO_ENGINE)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "no usable sandbox" in result.stderr and "--sandbox local" in result.stderr
    assert not env_file.exists()  # nothing ran on the host
    assert git(repo, "branch", "--list", "interns/*") == ""


def test_sandbox_local_runs_warns_and_passes_only_the_allow_list(tmp_path: Path) -> None:
    env_file = tmp_path / "env.txt"
    repo, cassette = _probe_repo(tmp_path, env_file)
    report_path = tmp_path / "r.json"
    result = run_interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(report_path), cwd=repo, env={**NO_ENGINE, **SECRETS})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: sandbox: LOCAL backend (--sandbox local), NOT isolated" in result.stderr
    assert read_report(report_path)["sandbox"] == "local"

    text = env_file.read_text()
    names = set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", text, re.MULTILINE))
    assert "PATH" in names and "HOME" in names  # the command can still find its tools
    assert sorted(name for name in names if not is_allowed(name) and name not in OWN_VARIABLES) == []
    for name, value in SECRETS.items():
        assert name not in names and value not in text


def test_demo_without_an_engine_says_so_and_offers_sandbox_local(tmp_path: Path) -> None:
    result = run_interns("demo", "--recorded", "--dir", str(tmp_path / "demo"), cwd=tmp_path, env=NO_ENGINE)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "no usable sandbox" in result.stderr
    assert "interns demo --recorded --sandbox local" in result.stderr
    assert not (tmp_path / "demo" / "hello.py").exists()
