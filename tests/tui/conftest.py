"""Fixtures for the TUI tests: real repositories with specs, hand-written cassettes, a pilot wait helper."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from support.repos import make_repo, whole_file, write_cassette
from support.shared_specs import TYPO_SPEC, spec

# Waiting is bounded so a broken run fails the test instead of hanging it; the first run of a session
# also pays for importing the run machinery (litellm) in the worker thread.
WAIT_SECONDS = 180.0

WaitFor = Callable[..., Awaitable[None]]


@pytest.fixture
def wait_for() -> WaitFor:
    async def wait(pilot: Pilot, predicate: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for: {what}")
            await pilot.pause(0.05)

    return wait


REVIEW_FILES = {
    "app/__init__.py": "",
    ".interns/specs/flag.md": spec("flag", "Feature flag", "app/flags.py", "python -c 'from app.flags import ENABLED; assert ENABLED'", "review: manual\n", "Add `ENABLED = True` in app/flags.py."),
}

RETRY_FILES = {
    "app/__init__.py": "",
    ".interns/specs/greet.md": spec("greet", "Greeting", "app/greet.py", "python -c 'from app.greet import hello; assert hello() == 1'", "budget: {attempts: 1}\n"),
    ".interns/specs/after.md": spec("after", "After greeting", "app/after.py", "python -c 'import app.after'", "depends_on: [greet]\n"),
}

SLOW_FILES = {
    "app/__init__.py": "",
    ".interns/specs/one.md": spec("one", "Slow one", "app/one.py", "sleep 2"),
    ".interns/specs/two.md": spec("two", "Slow two", "app/two.py", "sleep 2"),
}

BROKEN_FILES = {
    "app/__init__.py": "",
    ".interns/specs/typo.md": TYPO_SPEC,
}


@pytest.fixture
def review_repo(tmp_path: Path) -> tuple[Path, Path]:
    cassette = write_cassette(tmp_path / "review.jsonl", [{"match": ["# Task: Feature flag"], "response": whole_file("app/flags.py", "ENABLED = True\n")}])
    return make_repo(tmp_path / "review", REVIEW_FILES), cassette


@pytest.fixture
def retry_repo(tmp_path: Path) -> tuple[Path, Path]:
    """`greet` fails its only attempt; asked again (its prompt then carries the retry note) it passes."""
    cassette = write_cassette(
        tmp_path / "retry.jsonl",
        [
            {"match": ["# Task: Greeting", "asked for another try"], "response": whole_file("app/greet.py", "def hello():\n    return 1\n")},
            {"match": ["# Task: Greeting"], "response": whole_file("app/greet.py", "def hello():\n    return 2\n")},
            {"match": ["# Task: After greeting"], "response": whole_file("app/after.py", "from app.greet import hello\n")},
        ],
    )
    return make_repo(tmp_path / "retry", RETRY_FILES), cassette


@pytest.fixture
def slow_repo(tmp_path: Path) -> tuple[Path, Path]:
    cassette = write_cassette(tmp_path / "slow.jsonl", [{"match": [f"# Task: Slow {name}"], "response": whole_file(f"app/{name}.py", "X = 1\n")} for name in ("one", "two")])
    return make_repo(tmp_path / "slow", SLOW_FILES), cassette


@pytest.fixture
def broken_repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "broken", BROKEN_FILES)
