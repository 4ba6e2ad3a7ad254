"""Outside agents/, the run is reached through the Runner (and the RunStore for stored runs): nothing
imports the orchestrator or LangGraph's checkpoint classes, reaches through `runner.orchestrator`, or
opens the checkpoint SQLite file."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSIDE = {"agents", "tests"}  # the run machinery itself, and the tests that exercise it
FORBIDDEN_MODULES = ("interns.agents.orchestrator", "langgraph.checkpoint", "sqlite3")
FORBIDDEN_ATTRIBUTES = {"orchestrator", "_orchestrator", "checkpointer", "checkpoint_db"}


def sources_outside_agents() -> list[Path]:
    paths = sorted(ROOT.glob("*.py"))
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and folder.name not in INSIDE and not folder.name.startswith("."):
            paths += [path for path in sorted(folder.rglob("*.py")) if not {"build", "__pycache__"} & set(path.relative_to(ROOT).parts)]
    return paths


def _forbidden_module(name: str) -> bool:
    return any(name == module or name.startswith(module + ".") for module in FORBIDDEN_MODULES)


def violations(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {alias.name}" for alias in node.names if _forbidden_module(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if any(_forbidden_module(name) for name in [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]):
                found.append(f"{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and node.value == "checkpoints.sqlite":
            found.append(f"{node.lineno}: the checkpoint file's name")
    return found


def test_the_walk_sees_every_package_outside_agents() -> None:
    folders = {path.relative_to(ROOT).parts[0] for path in sources_outside_agents()}
    assert {"interns", "tui", "tools", "sandbox"} <= folders


def test_nothing_outside_agents_reaches_past_the_runner() -> None:
    problems = []
    for path in sources_outside_agents():
        problems += [f"{path.relative_to(ROOT)}:{line}" for line in violations(path.read_text(encoding="utf-8"))]
    assert not problems, "ask the Runner (or the RunStore) instead:\n" + "\n".join(problems)


def test_the_walk_catches_each_way_past_the_runner() -> None:
    for source in (
        "from interns.agents.orchestrator import Orchestrator",
        "from interns.agents import orchestrator",
        "import interns.agents.orchestrator",
        "from langgraph.checkpoint.sqlite import SqliteSaver",
        "import sqlite3",
        "state = runner.orchestrator.state()",
        "path = store.checkpoint_db",
        "path = state_dir / 'checkpoints.sqlite'",
    ):
        assert violations(source), source
    assert not violations("from interns.agents.runner import Runner\nstate = runner.snapshot()")
