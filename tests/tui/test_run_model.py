"""The run view's model: what a stream of LangGraph updates and intern events turns into on screen."""

from __future__ import annotations

from langgraph.types import Interrupt
from rich.console import Console

from interns.tui.run_model import RunModel
from interns.tui.widgets.detail_panes import render_acceptance, render_transcript
from interns.tui.widgets.status_bar import status_line


class FakeClock:
    """A clock the test moves by hand (the model's clock is a parameter for exactly this)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def plain(renderable: object) -> str:
    console = Console(width=100, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def tasks_update() -> dict:
    return {"plan": {"tasks": {
        "a": {"id": "a", "title": "Task A", "source": ".interns/specs/a.md:2", "review": "manual", "files": ["a.py"], "accept": ["true"], "depends_on": []},
        "b": {"id": "b", "title": "Task B", "source": ".interns/specs/b.md:2", "files": ["b.py"], "accept": ["true"], "depends_on": ["a"]},
    }}}


def test_streamed_tokens_show_until_the_whole_answer_lands() -> None:
    model = RunModel(live=True)
    model.apply("updates", tasks_update())
    model.apply("custom", {"event": "task_started", "task": "a", "round": 1, "base": "f" * 40})
    model.apply("custom", {"event": "attempt", "task": "a", "attempt": 1})
    for piece in ("a.py\n", "```python\n", "X = 1\n"):
        model.apply("custom", {"event": "token", "task": "a", "attempt": 1, "sample": 1, "text": piece})
    task = model.tasks["a"]
    assert task.streaming == "a.py\n```python\nX = 1\n"
    shown = plain(render_transcript(task))
    assert "answer arriving" in shown and "X = 1\n▌" in shown
    model.apply("custom", {"event": "answer", "task": "a", "attempt": 1, "sample": 1, "text": "a.py\n```python\nX = 1\n```\n", "prompt_tokens": 90, "completion_tokens": 10, "seconds": 2.0})
    assert task.streaming == "" and task.tokens == 100
    shown = plain(render_transcript(task))
    assert "answer arriving" not in shown and "answer · attempt 1 · 100 tokens · 2.0 s" in shown and "X = 1" in shown
    assert model.tokens_per_second == 5.0


def test_statuses_follow_events_then_checkpointed_outcomes() -> None:
    clock = FakeClock()
    model = RunModel(live=True, clock=clock)
    model.apply("updates", tasks_update())
    assert [model.display_status(task) for task in model.tasks.values()] == ["queued", "queued"]
    model.apply("custom", {"event": "task_started", "task": "a", "round": 1})
    clock.now += 4.5
    assert model.display_status(model.tasks["a"]) == "running" and model.task_seconds(model.tasks["a"]) == 4.5
    model.apply("custom", {"event": "validating", "task": "a", "attempt": 1, "sample": 1})
    assert model.display_status(model.tasks["a"]) == "validating"
    model.apply("custom", {"event": "acceptance_failed", "task": "a", "attempt": 1, "command": "pytest -q", "exit_code": 1, "output": "1 failed"})
    model.apply("custom", {"event": "validated", "task": "a", "attempt": 2, "commit": "c" * 40})
    assert "✘ attempt 1 · exit 1 · $ pytest -q" in plain(render_acceptance(model.tasks["a"]))
    assert model.tasks["a"].last_failure == "$ pytest -q\n1 failed"
    # the intern node's checkpointed outcome is the final word on spending
    model.apply("updates", {"intern": {"outcomes": {"a": {"id": "a", "status": "validated", "attempts": 2, "prompt_tokens": 400, "completion_tokens": 50, "cost": 0.25, "seconds": 6.0, "diff": "+X = 1\n", "rounds": 1}}}})
    task = model.tasks["a"]
    assert (task.status, task.attempts, task.tokens, task.seconds, task.diff) == ("validated", 2, 450, 6.0, "+X = 1\n")
    # review: manual pauses the graph on an interrupt that names the task and its diff
    model.apply("updates", {"__interrupt__": (Interrupt(value={"reviews": [{"task": "a", "title": "Task A", "diff": "+X = 2\n", "commit": "c" * 40}]}),)})
    assert model.status == "awaiting_review" and model.awaiting_review == ["a"]
    assert model.display_status(task) == "awaiting review" and task.diff == "+X = 2\n"
    line = status_line(model).plain
    assert "awaiting review · 0/2 merged" in line and "450 tokens" in line and "$0.2500" in line


def test_a_plan_replaces_the_spec_task_and_unknown_events_are_harmless() -> None:
    model = RunModel()
    model.apply("updates", {"plan": {"tasks": {"big": {"id": "big", "title": "Big", "source": "s.md:1"}}}})
    model.apply("custom", {"event": "planned", "task": "big", "tasks": ["big/one", "big/two"]})
    model.apply("updates", {"plan": {"tasks": {"big/one": {"id": "big/one", "title": "One"}, "big/two": {"id": "big/two", "title": "Two"}}}})
    assert list(model.tasks) == ["big/one", "big/two"]
    model.apply("custom", {"event": "something_new", "task": "big/one"})
    model.apply("custom", {"event": "context", "task": "big/one", "prompt_tokens": "not a number", "files": {"x.py": "whole", "y.py": "symbols: f"}})
    assert model.tasks["big/one"].transcript[-1].text == "context: not a number prompt tokens · x.py, y.py (symbols: f)"


def test_best_of_samples_stream_side_by_side() -> None:
    model = RunModel(live=True)
    model.apply("updates", tasks_update())
    model.apply("custom", {"event": "attempt", "task": "a", "attempt": 1})
    for sample, piece in ((1, "one "), (2, "two "), (1, "more"), (2, "again")):
        model.apply("custom", {"event": "token", "task": "a", "attempt": 1, "sample": sample, "text": piece})
    task = model.tasks["a"]
    assert task.streams == {1: "one more", 2: "two again"}  # never interleaved
    shown = plain(render_transcript(task))
    assert "one more▌" in shown and "answer arriving … · sample 2" in shown and "two again▌" in shown
    model.apply("custom", {"event": "answer", "task": "a", "attempt": 1, "sample": 2, "text": "two again", "prompt_tokens": 5, "completion_tokens": 2, "seconds": 1.0})
    assert task.streams == {1: "one more"}  # the other sample is still arriving


def test_the_cascade_shows_which_model_solved_a_task_and_what_each_spent() -> None:
    from interns.tui.widgets.detail_panes import render_details

    model = RunModel(live=True)
    model.apply("updates", tasks_update())
    model.apply("custom", {"event": "task_started", "task": "a", "round": 1})
    model.apply("custom", {"event": "escalated", "task": "a", "model": "local/qwen2.5-coder-1.5b", "tier": 2})
    assert "escalated to local/qwen2.5-coder-1.5b (tier 2)" in plain(render_transcript(model.tasks["a"]))
    tiers = [
        {"model": "local/qwen2.5-coder-0.5b", "attempts": 3, "answers": 3, "tokens": 1200, "cost": 0.0, "seconds": 20.0, "solved": False},
        {"model": "local/qwen2.5-coder-1.5b", "attempts": 1, "answers": 1, "tokens": 600, "cost": 0.0, "seconds": 15.0, "solved": True},
    ]
    model.apply("updates", {"intern": {"outcomes": {"a": {"id": "a", "status": "validated", "attempts": 4, "tier": "local/qwen2.5-coder-1.5b", "tiers": tiers}}}})
    shown = plain(render_details(model, model.tasks["a"]))
    assert "solved by" in shown and "local/qwen2.5-coder-1.5b" in shown
    assert "local/qwen2.5-coder-0.5b: 3 attempt(s), 1,200 tokens, 20 s" in shown
