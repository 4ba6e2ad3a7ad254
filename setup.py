"""Build script: maps the design's top-level folders to `interns.*` and builds the Cython kernels.

`interns/` is the root package `interns`; every other top-level code folder `X/` is `interns.X`
(`agents/` is `interns.agents`), so nothing is ever installed as a bare top-level `tools` or `sandbox`.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent
# folder on disk -> import name
PACKAGE_ROOTS = {
    "interns": "interns",
    "agents": "interns.agents",
    "tools": "interns.tools",
    "sandbox": "interns.sandbox",
    "tui": "interns.tui",
    "local_model": "interns.local_model",
}


def discover_packages() -> tuple[list[str], dict[str, str]]:
    packages: list[str] = []
    package_dir: dict[str, str] = {}
    for folder, name in PACKAGE_ROOTS.items():
        for init in sorted((ROOT / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(ROOT / folder)
            if any(part.startswith((".", "__pycache__")) or part == "build" for part in rel.parts):
                continue
            pkg = ".".join([name, *rel.parts])
            packages.append(pkg)
            package_dir[pkg] = init.parent.relative_to(ROOT).as_posix()
    return packages, package_dir


def extensions() -> list:
    """The Cython extensions, found by `build_extensions()` in local_model/build_ext.py when present."""
    builder = ROOT / "local_model" / "build_ext.py"
    if not builder.exists():
        return []
    namespace: dict = {"__file__": str(builder)}
    exec(compile(builder.read_text(), str(builder), "exec"), namespace)
    return namespace["build_extensions"](ROOT)


packages, package_dir = discover_packages()
setup(
    packages=packages,
    package_dir=package_dir,
    package_data={pkg: ["*.pyx", "*.pxd", "*.pxi", "*.h", "*.c", "*.md", "*.toml", "*.json", "*.jsonl", "Dockerfile", "assets/*", "assets/**/*"] for pkg in packages},
    ext_modules=extensions(),
    zip_safe=False,
)
