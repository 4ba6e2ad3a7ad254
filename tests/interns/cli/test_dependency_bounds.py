"""Runtime dependencies are bounded below their next major version, and what is installed fits them."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _runtime_requirements() -> list[Requirement]:
    return [Requirement(line) for line in tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]]


def test_every_runtime_dependency_has_an_upper_bound_the_installed_version_fits() -> None:
    unbounded = [str(req) for req in _runtime_requirements() if not any(spec.operator in ("<", "<=", "==", "~=") for spec in req.specifier)]
    assert unbounded == []
    misfits = []
    for req in _runtime_requirements():
        try:
            installed = version(req.name)
        except PackageNotFoundError:
            misfits.append(f"{req.name}: not installed")
            continue
        if not req.specifier.contains(installed, prereleases=True):
            misfits.append(f"{req.name} {installed} outside {req.specifier}")
    assert misfits == []
