"""Shared fixtures: real git repositories, cassettes, and the real `interns` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

# `interns` first, then tests/ on sys.path (the helpers import as `support.*`): in that order, because
# on sys.path tests/interns/ (the tests of interns/) would be found as a namespace package `interns`
# ahead of the installed one whenever the repo root is not on sys.path (plain `pytest`, or another cwd).
import interns  # noqa: E402,F401

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.repos import CALC_ANSWERS, CALC_FILES, make_repo, run_interns_in_process, write_cassette  # noqa: E402


@pytest.fixture
def calc_repo(tmp_path: Path) -> Path:
    """The three-task repo: two independent tasks and one that depends on both."""
    return make_repo(tmp_path / "calc", CALC_FILES)


@pytest.fixture
def calc_cassette(tmp_path: Path) -> Path:
    return write_cassette(tmp_path / "calc.jsonl", CALC_ANSWERS)


@pytest.fixture
def interns() -> Callable[..., object]:
    """Runs the real `interns` command line in this process; returns returncode, stdout, stderr."""
    return run_interns_in_process


@pytest.fixture(scope="session")
def docker_image() -> str:
    """The sandbox image on the real Docker engine (built when missing); skips only when no engine answers."""
    from interns.errors import SandboxError
    from interns.sandbox.docker_connection import connect_engine
    from interns.sandbox.image import build_image

    try:
        client = connect_engine()
    except SandboxError as error:
        pytest.skip(f"no Docker engine answers: {error}")
    try:
        return build_image(client, log=print).tag  # a no-op when the recipe's image exists
    finally:
        client.close()
