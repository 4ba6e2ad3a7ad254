"""The raw-model baseline: what the model does asked once, plainly, with no intern around it.

For each spine task of an evaluation task (in dependency order) the model is shown only what a plain
completion prompt would show: the target function's signature and docstring ("complete this
function"), or for a bug the failing test's output and the function ("fix this function"); a task
not inside one function gets its spec and the files it may change, whole. One greedy answer; its code
is spliced in (nothing is checked, nothing retried) and committed, and the hidden tests score the
result like any run. Every intern setting is measured against this row in the same evaluation.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from interns.agents.function_form import FAILURE_CHARS, NO_FAILING_OUTPUT, find_target, plain_fix_prompt, plain_implement_prompt, python_files_in_scope
from interns.agents.prompt_templates import templates
from interns.agents.models.client import ModelClient
from interns.evaluation.commands import run_command, task_env
from interns.evaluation.workspace import git
from interns.globs import expand, repo_files
from interns.specs import Task, load_specs
from interns.tools.context.failure_output import trim_failure_output
from interns.tools.context.file_view import language_tag
from interns.tools.edits import MalformedAnswer, check_scope, parse_answer
from interns.tools.edits.apply import plan_edits, write_contents
from interns.tools.edits.function_answer import assemble_function
from interns.tools.symbols import splice_symbol
from interns.tools.symbols.missing_imports import insert_imports
from interns.tools.symbols.model import SymbolEditError

IMPORT_LINE = re.compile(r"^(?:import [\w., ]+|from [\w.]+ import [\w., ()]+)$", re.MULTILINE)
MAX_TOKENS = 2048
ACCEPT_TIMEOUT_S = 120.0


def _accept(task: Task, repo: Path) -> tuple[bool, str]:
    """Run the spec's acceptance commands on the host, as the evaluation runs hidden tests."""
    for command in task.accept:
        result = run_command(command, repo, ACCEPT_TIMEOUT_S, env=task_env())
        if not result.ok:
            return False, result.output
    return True, ""


def raw_prompt(task: Task, repo: Path) -> tuple[str, Any]:
    """The plain prompt for one spine task, and how to read its answer: a FunctionTarget or None."""
    parts = templates()["raw"]
    one_file = python_files_in_scope(task, repo) == 1
    target = find_target(task, repo) if one_file else None
    if one_file and (target is None or not target.stub):
        passed, output = _accept(task, repo)
        target = target or find_target(task, repo, None if passed else output)
        if target is not None and not target.stub:
            failure = trim_failure_output(output, FAILURE_CHARS) if not passed else NO_FAILING_OUTPUT
            return plain_fix_prompt(target, failure), target
    if target is not None:
        return plain_implement_prompt(target), target
    files = expand(list(task.files), repo_files(repo))
    shown = "".join(parts["file"].format(path=path, language=language_tag(path), code=(repo / path).read_text(encoding="utf-8", errors="replace").rstrip("\n")) for path in files)
    return parts["files"].format(task=f"{task.title}\n\n{task.description.strip()}", files=shown), None


def _contents(task: Task, repo: Path, target: Any, answer: str) -> dict[str, str]:
    if target is not None:
        code = assemble_function("", answer, target.bare_name)
        source = (repo / target.path).read_text(encoding="utf-8")
        try:
            spliced = splice_symbol(source, target.name, code, target.path)
        except SymbolEditError as error:
            raise MalformedAnswer(str(error)) from None
        # the imports the model wrote above its function are part of its answer
        own = [line for line in dict.fromkeys(IMPORT_LINE.findall(answer)) if line not in spliced.split("\n")]
        return {target.path: insert_imports(spliced, own) if own else spliced}
    single = task.files[0] if len(task.files) == 1 else None
    edits = parse_answer(answer, default_path=single)
    check_scope(edits, task.files)
    return plan_edits(repo, edits, splice_symbol=splice_symbol)


def run_raw(repo: Path, model: str, client: ModelClient) -> dict[str, Any]:
    """Every spine task of the repo answered once by the raw model; a report shaped like `interns run --json`."""
    started = time.monotonic()
    entries: list[dict[str, Any]] = []
    for task in load_specs(repo).tasks:
        prompt, target = raw_prompt(task, repo)
        reply = client.complete(model, [{"role": "user", "content": prompt}], temperature=0.0, max_tokens=MAX_TOKENS, seed=0, meta={"raw": task.id})
        entry: dict[str, Any] = {
            "id": task.id, "attempts": 1, "answers": 1, "malformed_answers": 0, "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens, "tokens": reply.prompt_tokens + reply.completion_tokens, "cost": reply.cost,
        }
        try:
            write_contents(repo, _contents(task, repo, target, reply.text))
        except MalformedAnswer as error:
            entries.append({**entry, "status": "failed", "reason": "malformed", "malformed_answers": 1, "failing_output": str(error)})
            continue
        git(repo, "add", "--all")
        git(repo, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", f"raw answer for {task.id}")
        passed, output = _accept(task, repo)
        entries.append({**entry, "status": "merged" if passed else "failed", "reason": None if passed else "validation failed", "failing_output": output[-2000:]})
    failed = [entry for entry in entries if entry["status"] != "merged"]
    return {
        "status": "ok" if not failed else "tasks_failed",
        "exit_code": 0 if not failed else 1,
        "seconds": round(time.monotonic() - started, 3),
        "integration_commit": git(repo, "rev-parse", "HEAD"),
        "model": {"intern": model},
        "tasks": entries,
    }
