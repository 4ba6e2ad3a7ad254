"""Shared fixtures: real git repositories, cassettes, and the real `interns` command."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

import pytest

from support.repos import CALC_ANSWERS, CALC_FILES, make_repo, run_interns_in_process, write_cassette


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
