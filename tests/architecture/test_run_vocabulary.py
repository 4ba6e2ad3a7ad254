"""The run's vocabulary (agents/events.py) is the one list of event kinds every reader follows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rich.console import Console

from interns.agents import events
from interns.agents.events import VOCABULARY, EventKind, EventSpec, is_logged
from interns.agents.report import UNTOLD, build_report
from interns.agents.run_store import RunRecord
from interns.progress import _HANDLERS, IGNORED, RunProgress
from interns.tui.run_model import RunModel

ROOT = Path(__file__).resolve().parents[2]


def described(kind: str) -> bool:
    return VOCABULARY[kind].describe is not None


def test_every_kind_is_in_the_vocabulary_once() -> None:
    assert set(VOCABULARY) == set(EventKind)


@pytest.mark.parametrize("kind", list(EventKind))
def test_every_reader_handles_or_ignores_every_kind(kind: EventKind) -> None:
    """A kind without a description is shown by no generic path: each reader must name it."""
    if described(kind):
        return
    assert kind in _HANDLERS or kind in IGNORED, f"the CLI progress neither handles nor ignores {kind}"
    assert hasattr(RunModel, f"_on_{kind}"), f"the TUI run model has no handler for {kind}"
    assert kind in UNTOLD, f"the JSON report's timeline neither tells nor leaves out {kind}"


def test_readers_name_only_kinds_of_the_vocabulary() -> None:
    assert set(_HANDLERS) | IGNORED | UNTOLD <= set(VOCABULARY)
    on = {name.removeprefix("_on_") for name in vars(RunModel) if name.startswith("_on_")} - {"interrupt"}  # a LangGraph interrupt, not an event
    assert on <= set(VOCABULARY), f"TUI handlers for kinds nobody emits: {on - set(VOCABULARY)}"


def test_emitters_use_the_vocabulary_not_string_literals() -> None:
    """`{"event": "task_started"}` written as text in agents/ could drift from the vocabulary."""
    literal = []
    for path in sorted((ROOT / "agents").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value == "event" and isinstance(value, ast.Constant):
                        literal.append(f"{path.name}:{node.lineno}: {value.value!r}")
    assert not literal, "emit EventKind members instead: " + "; ".join(literal)


def test_a_kind_added_to_the_vocabulary_reaches_the_cli_the_tui_and_the_report(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(VOCABULARY, "rate_limited", EventSpec(lambda e: f"rate limited for {e.get('seconds')} s"))
    event = {"event": "rate_limited", "task": "a", "seconds": 5}

    with RunProgress("r", ["a"], console=Console(stderr=True), live=False) as progress:
        progress("custom", event)
    assert "[interns] a: rate limited for 5 s" in capsys.readouterr().err

    model = RunModel()
    model.apply("custom", event)
    assert model.tasks["a"].transcript[-1].text == "rate limited for 5 s"

    assert is_logged(event)  # the runner keeps it in the events log the report is built from
    record = RunRecord(run_id="r", repo="/repo", base_commit="0" * 40, user_branch=None, spec_paths=[], options={})
    report = build_report(record, {"tasks": {"a": {"spec_id": "a", "title": "A"}}}, 1.0, "local", {"intern": "m", "planner": "m"}, events=[event])
    assert report["tasks"][0]["timeline"] == [{"event": "rate_limited", "text": "rate limited for 5 s"}]


def test_the_readers_agree_on_what_a_described_event_says(capsys: pytest.CaptureFixture[str]) -> None:
    event = {"event": EventKind.TIER_SKIPPED, "task": "a", "model": "big", "reason": "not downloaded"}
    with RunProgress("r", ["a"], live=False) as progress:
        progress("custom", event)
    model = RunModel()
    model.apply("custom", event)
    line = events.describe(event)
    assert line == "skipped a tier: not downloaded"
    assert f"a: {line}" in capsys.readouterr().err and model.tasks["a"].transcript[-1].text == line


def test_streamed_tokens_stay_out_of_the_log_and_unknown_kinds_stay_in() -> None:
    assert not is_logged({"event": EventKind.TOKEN, "task": "a", "text": "x"})
    assert is_logged({"event": EventKind.ANSWER, "task": "a"})
    assert is_logged({"event": "from_a_newer_version", "task": "a"})
