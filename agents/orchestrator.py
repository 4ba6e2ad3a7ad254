"""The run as a LangGraph graph: schedule ready tasks -> interns in parallel (Send) -> merge -> repeat.

    START -> plan -> start -> schedule --(Send per ready task)--> intern -> review -> merge -> schedule ...
                              \\--(nothing left)--> finish -> END

Every step is checkpointed (LangGraph's SqliteSaver or PostgresSaver, thread id = run id), so a killed run resumes where it stopped;
the side effects (task commits, merges) check whether they already happened before acting.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.types import Command, Send, interrupt

from interns.agents.events import EventKind
from interns.agents.executors.in_process import InProcessExecutor
from interns.agents.executors.protocol import InternExecutor
from interns.agents.merge_step import MergeStep
from interns.agents.planner import plan_tasks
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.run_context import RunContext
from interns.agents.state import InternInput, RunState
from interns.agents.task_status import RETRYABLE
from interns.errors import BadInputError, InfrastructureError
from interns.specs import Task
from interns.tools.git_repo import integration_branch


# threads LangGraph may start for one step: every ready task waits in one (its stream waiter needs one
# too); threads beyond --parallel wait for a slot, idle
GRAPH_THREADS = 1024


def _outcomes(state: RunState) -> dict[str, TaskOutcome]:
    return {task_id: TaskOutcome.model_validate(data) for task_id, data in (state.get("outcomes") or {}).items()}


def _tasks(state: RunState) -> dict[str, Task]:
    return {task_id: Task.model_validate(data) for task_id, data in state["tasks"].items()}


class Orchestrator:
    """Builds and runs the graph of one run."""

    def __init__(self, context: RunContext, checkpointer: BaseCheckpointSaver, close: Callable[[], None], executor: InternExecutor | None = None) -> None:
        """`checkpointer` and `close` come from the run store (RunStore.open_checkpointer): SQLite or Postgres;
        `executor` runs each intern (agents/executors/: in this process by default, or on a Ray cluster)."""
        self.context = context
        self.executor = executor or InProcessExecutor()
        self._intern_slots = threading.BoundedSemaphore(context.config.parallel)  # interns at once (--parallel)
        self.checkpointer = checkpointer
        self._close = close
        self.graph = self._build().compile(checkpointer=self.checkpointer)

    def close(self) -> None:
        self._close()

    @property
    def config(self) -> dict[str, Any]:
        # LangGraph runs the Send fan-out in a pool of `max_concurrency` threads, one of which its
        # custom-stream waiter holds while it waits for the next event. Capped at --parallel, the pool
        # deadlocked at 1 (the waiter waits for an event no node could emit) and held events back until
        # an intern finished; so the pool has room for every task and `_intern_slots` caps the interns
        return {"configurable": {"thread_id": self.context.run_id}, "max_concurrency": GRAPH_THREADS, "recursion_limit": 10_000}

    def _emitting(self) -> RunContext:
        """The run context whose events go out on LangGraph's custom stream."""
        writer = get_stream_writer()
        context = self.context
        return RunContext(context.repo, context.run_id, context.config, context.models, context.sandbox, context.overrides, emit=writer, cancellation=context.cancellation)

    # -- nodes -----------------------------------------------------------------------------------
    def _plan(self, state: RunState) -> dict[str, Any]:
        """Split `decompose: true` specs into tasks (checkpointed: a resumed run never re-plans)."""
        context = self._emitting()
        tasks, events = plan_tasks(context, state["tasks"])
        for event in events:
            context.emit(event)
        return {"tasks": tasks}

    def _start(self, state: RunState) -> dict[str, Any]:
        tasks = _tasks(state)
        MergeStep(self._emitting(), tasks).ensure_integration_worktree(state["base_commit"])
        outcomes = _outcomes(state)
        fresh = {task_id: TaskOutcome(id=task_id).model_dump(mode="json") for task_id in tasks if task_id not in outcomes}
        return {"outcomes": fresh, "integration_commit": state["base_commit"], "wave": 0}

    def _schedule(self, state: RunState) -> dict[str, Any]:
        """Mark tasks that can no longer run (a dependency did not merge, or the run stopped)."""
        tasks, outcomes = _tasks(state), _outcomes(state)
        updates: dict[str, dict[str, Any]] = {}
        stop_reason = state.get("stop_reason") or ("cancelled" if self.context.cancellation.whole_run else None)
        changed = True
        while changed:  # a skip can make its dependents skip too
            changed = False
            for task_id, task in tasks.items():
                outcome = updates.get(task_id) or outcomes[task_id].model_dump(mode="json")
                if outcome["status"] != TaskStatus.PENDING.value:
                    continue
                blocked = [dep for dep in task.depends_on if (updates.get(dep) or outcomes[dep].model_dump(mode="json"))["status"] not in (TaskStatus.PENDING.value, TaskStatus.VALIDATED.value, TaskStatus.MERGED.value)]
                if stop_reason or self.context.cancellation.is_cancelled(task_id):
                    updates[task_id] = {**outcome, "status": TaskStatus.CANCELLED.value, "reason": stop_reason or "cancelled"}
                    changed = True
                elif blocked:
                    updates[task_id] = {**outcome, "status": TaskStatus.SKIPPED.value, "reason": "dependency failed: " + ", ".join(blocked)}
                    changed = True
        return {"outcomes": updates, "wave": state.get("wave", 0) + 1}

    def _route(self, state: RunState) -> list[Send] | str:
        tasks, outcomes = _tasks(state), _outcomes(state)
        head = self.context.repo.commit_of(f"refs/heads/{integration_branch(self.context.run_id)}") or state["base_commit"]
        ready = [
            Send("intern", InternInput(task=task.model_dump(mode="json"), base=head, previous=outcomes[task_id].model_dump(mode="json") if outcomes[task_id].rounds else None))
            for task_id, task in tasks.items()
            if outcomes[task_id].status is TaskStatus.PENDING and all(outcomes[dep].status is TaskStatus.MERGED for dep in task.depends_on)
        ]
        return ready or "finish"

    def _intern(self, payload: InternInput) -> dict[str, Any]:
        context = self._emitting()
        task = Task.model_validate(payload["task"])
        task_id = task.id
        previous = TaskOutcome.model_validate(payload["previous"]) if payload.get("previous") else None
        try:
            with self._intern_slots:
                outcome = self.executor.run(context, task, payload["base"], previous)
        except InfrastructureError as error:
            context.emit({"event": EventKind.INFRA_ERROR, "task": task_id, "error": str(error)})
            outcome = TaskOutcome(id=task_id, status=TaskStatus.INFRA_ERROR, reason=_infra_reason(error), failing_output=str(error))
        except Exception as error:  # a bug of ours must not lose the run's report: record it like an outage
            trace = traceback.format_exc(limit=8)
            context.emit({"event": EventKind.INFRA_ERROR, "task": task_id, "error": f"internal error: {error!r}"})
            outcome = TaskOutcome(id=task_id, status=TaskStatus.INFRA_ERROR, reason="internal error", failing_output=trace)
        if previous is not None and previous.rounds:
            outcome = outcome.add_usage(previous)
        return {"outcomes": {task_id: outcome.model_dump(mode="json")}}

    def _review(self, state: RunState) -> dict[str, Any]:
        """Pause for a person on validated tasks whose spec says `review: manual` (LangGraph interrupt).

        Resume with `Command(resume={task_id: "approve" | "reject", ...})`; a task left out stays
        waiting, so the graph pauses again.
        """
        tasks, outcomes = _tasks(state), _outcomes(state)
        waiting = [task_id for task_id, outcome in outcomes.items() if outcome.status is TaskStatus.VALIDATED and tasks[task_id].review == "manual" and not outcome.approved]
        if not waiting:
            return {}
        decisions = interrupt({"reviews": [{"task": task_id, "title": tasks[task_id].title, "diff": outcomes[task_id].diff, "commit": outcomes[task_id].commit} for task_id in waiting]})
        updates: dict[str, dict[str, Any]] = {}
        for task_id in waiting:
            decision = (decisions or {}).get(task_id)
            if decision == "approve":
                updates[task_id] = outcomes[task_id].model_copy(update={"approved": True}).model_dump(mode="json")
            elif decision == "reject":
                updates[task_id] = outcomes[task_id].model_copy(update={"status": TaskStatus.REJECTED, "reason": "rejected in review"}).model_dump(mode="json")
        return {"outcomes": updates}

    def _after_review(self, state: RunState) -> str:
        tasks, outcomes = _tasks(state), _outcomes(state)
        waiting = any(outcome.status is TaskStatus.VALIDATED and tasks[task_id].review == "manual" and not outcome.approved for task_id, outcome in outcomes.items())
        return "review" if waiting else "merge"

    def _merge(self, state: RunState) -> dict[str, Any]:
        outcomes = _outcomes(state)
        infra = [outcome for outcome in outcomes.values() if outcome.status is TaskStatus.INFRA_ERROR]
        update: dict[str, Any] = {}
        if infra:
            update["stop_reason"] = f"stopped: {infra[0].reason}"
        changed, merged = MergeStep(self._emitting(), _tasks(state)).run(outcomes, list(state.get("merged_order") or []), state["base_commit"])
        update["outcomes"] = {task_id: outcome.model_dump(mode="json") for task_id, outcome in changed.items()}
        update["merged_order"] = merged
        head = self.context.repo.commit_of(f"refs/heads/{integration_branch(self.context.run_id)}")
        if head:
            update["integration_commit"] = head
        return update

    def _finish(self, state: RunState) -> dict[str, Any]:
        self.context.repo.remove_worktree(self.context.integration_worktree)
        return {}

    # -- graph -----------------------------------------------------------------------------------
    def _build(self) -> StateGraph:
        builder = StateGraph(RunState)
        builder.add_node("plan", self._plan)
        builder.add_node("start", self._start)
        builder.add_node("schedule", self._schedule)
        builder.add_node("intern", self._intern, input_schema=InternInput)
        builder.add_node("review", self._review)
        builder.add_node("merge", self._merge)
        builder.add_node("finish", self._finish)
        builder.add_edge(START, "plan")
        builder.add_edge("plan", "start")
        builder.add_edge("start", "schedule")
        builder.add_conditional_edges("schedule", self._route, ["intern", "finish"])
        builder.add_edge("intern", "review")
        builder.add_conditional_edges("review", self._after_review, ["review", "merge"])
        builder.add_edge("merge", "schedule")
        builder.add_edge("finish", END)
        return builder

    # -- running -----------------------------------------------------------------------------------
    def stream(self, initial: RunState | Command | None):
        """Run (initial state), resume (None) or answer a review (Command(resume=...)); yields (mode, payload)."""
        yield from self.graph.stream(initial, self.config, stream_mode=["updates", "custom"])

    def retry(self, task_ids: list[str]) -> list[str]:
        """Give tasks of a finished run another round; returns every task id reset to pending.

        A retried task keeps its rounds and spending (they add up in the report) and hears its last
        failure as feedback; dependents it held back (skipped, cancelled) get their chance again.
        The update is written as if the merge step had just run, so `stream(None)` continues at
        `schedule` on the current integration head.
        """
        snapshot = self.graph.get_state(self.config)
        run_id = self.context.run_id
        if snapshot.next:
            raise BadInputError(f"run {run_id} has not finished (next step: {', '.join(snapshot.next)}); resume it or answer its review first")
        tasks, outcomes = _tasks(snapshot.values), _outcomes(snapshot.values)
        reset: dict[str, TaskOutcome] = {}
        for task_id in task_ids:
            outcome = outcomes.get(task_id)
            if outcome is None:
                raise BadInputError(f"run {run_id} has no task '{task_id}' (tasks: {', '.join(tasks)})")
            if not outcome.status.retryable:
                allowed = ", ".join(sorted(status.value for status in RETRYABLE))
                raise BadInputError(f"{task_id} is {outcome.status.value}; only tasks that are {allowed} can be retried")
            reset[task_id] = outcome.model_copy(update={"status": TaskStatus.PENDING, "reason": None, "approved": False, "carry_feedback": retry_feedback(outcome) if outcome.rounds else None})
        changed = True
        while changed:  # a dependent skipped because of a retried task gets its chance again
            changed = False
            for task_id, task in tasks.items():
                outcome = outcomes[task_id]
                if task_id in reset or outcome.status not in (TaskStatus.SKIPPED, TaskStatus.CANCELLED):
                    continue
                if any(dep in reset for dep in task.depends_on) and all(dep in reset or outcomes[dep].status is TaskStatus.MERGED for dep in task.depends_on):
                    reset[task_id] = outcome.model_copy(update={"status": TaskStatus.PENDING, "reason": None})
                    changed = True
        updates = {task_id: outcome.model_dump(mode="json") for task_id, outcome in reset.items()}
        self.graph.update_state(self.config, {"outcomes": updates, "stop_reason": None}, as_node="merge")
        return list(reset)

    def awaiting_review(self) -> list[str]:
        """Task ids a paused run waits on a person for (empty when not paused for review)."""
        snapshot = self.graph.get_state(self.config)
        return [review["task"] for pending in snapshot.interrupts for review in (pending.value or {}).get("reviews", [])]

    def state(self) -> RunState:
        return self.graph.get_state(self.config).values

    def has_checkpoint(self) -> bool:
        """Whether the graph of this run wrote any checkpoint yet."""
        return self.checkpointer.get_tuple({"configurable": {"thread_id": self.context.run_id}}) is not None


def retry_feedback(outcome: TaskOutcome) -> str:
    reason = outcome.reason or outcome.status.value
    failing = (outcome.failing_output or "").strip()
    text = f"A person asked for another try at this task. Your previous round ended with: {reason}."
    if failing:
        text += f"\nThe last failing output was:\n```\n{failing}\n```"
    return text + "\nStart again from the files shown now and make the acceptance commands pass."


def _infra_reason(error: InfrastructureError) -> str:
    from interns.errors import ExecutorError, ModelUnavailableError, SandboxError

    if isinstance(error, ModelUnavailableError):
        return "model unreachable"
    if isinstance(error, SandboxError):
        return "sandbox error"
    if isinstance(error, ExecutorError):
        return "executor error"
    return "git error"
