"""Read spec files into tasks, reporting every problem as `path:line: message`.

Line numbers come from PyYAML's node marks, so a problem deep inside the front matter (a bad budget
value, an unknown key in the third task) points at the exact line a person has to edit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from interns.globs import expand, is_pattern, repo_files
from interns.specs.model import BUDGET_KEYS, ID_PATTERN, SPEC_KEYS, TASK_KEYS, Budget, SpecFile
from interns.specs.task import Task

DEFAULT_SPEC_GLOB = ".interns/specs/*.md"
FENCE = "---"


@dataclass(frozen=True)
class SpecProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ParsedSpec:
    """One spec file: its validated front matter, body and where each key sits."""

    path: str
    spec: SpecFile
    body: str
    root_line: int
    node: yaml.MappingNode
    line_offset: int  # add to a node's 0-based line to get the file's 1-based line
    problems: list[SpecProblem] = field(default_factory=list)  # found while parsing (unknown keys, bad values)
    broken_tasks: set[int] = field(default_factory=set)  # task entries too broken to become tasks (reported)
    id_broken: bool = False  # the spec's id was missing or invalid: `spec.id` is a stand-in (reported)


@dataclass
class SpecSet:
    """All tasks of the loaded specs, in dependency order, plus any problems found."""

    tasks: list[Task] = field(default_factory=list)
    problems: list[SpecProblem] = field(default_factory=list)
    specs: list[ParsedSpec] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_id(self) -> dict[str, Task]:
        return {task.id: task for task in self.tasks}


def _line(node: yaml.Node, offset: int) -> int:
    return node.start_mark.line + offset


def _mapping_items(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _node_at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest node along a pydantic error location (falls back to the nearest parent)."""
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            items = _mapping_items(current)
            if part not in items:
                break
            current = items[part][1]
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(current.value):
                break
            current = current.value[part]
        else:
            break
    return current


def _did_you_mean(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"


def _valid_id(value: Any) -> str | None:
    # the rule of specs.model._check_id, as a test (labels are made before validation)
    return value if isinstance(value, str) and ID_PATTERN.match(value) and not value.endswith((".", ".lock")) and ".." not in value else None


def task_labels(data: dict[str, Any]) -> list[str]:
    """How problems name each entry of `tasks:`: its task id as `interns run` shows it (`spec/task`),
    or, for an entry without a usable id, its place in the list (`task #3`, counted from 1)."""
    spec_id = _valid_id(data.get("id"))
    entries = data.get("tasks") if isinstance(data.get("tasks"), list) else []
    labels = []
    for number, entry in enumerate(entries, start=1):
        task_id = _valid_id(entry.get("id")) if isinstance(entry, dict) else None
        labels.append(f"task {spec_id}/{task_id}" if spec_id and task_id else f"task {task_id}" if task_id else f"task #{number}")
    return labels


def _unknown_keys(node: yaml.Node, known: list[str], path: str, offset: int, where: str, labels: list[str]) -> list[SpecProblem]:
    problems = []
    for key, (key_node, value_node) in _mapping_items(node).items():
        if key not in known:
            problems.append(SpecProblem(path, _line(key_node, offset), f"unknown key '{key}'{where}{_did_you_mean(key, known)}"))
        elif key == "budget":
            problems += _unknown_keys(value_node, BUDGET_KEYS, path, offset, " in budget" + where.replace(" in ", " of ", 1), labels)
        elif key == "tasks" and isinstance(value_node, yaml.SequenceNode) and not where:
            for index, entry in enumerate(value_node.value):
                label = labels[index] if index < len(labels) else f"task #{index + 1}"
                problems += _unknown_keys(entry, TASK_KEYS, path, offset, f" in {label}", labels)
    return problems


def _duplicate_keys(node: yaml.Node, path: str, offset: int) -> list[SpecProblem]:
    """A key given twice in one mapping: YAML loaders silently keep the last one, so say where both are."""
    problems: list[SpecProblem] = []
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = _line(key, offset)
                if key.value in first_line:
                    problems.append(SpecProblem(path, line, f"duplicate key '{key.value}' (first given on line {first_line[key.value]})"))
                else:
                    first_line[key.value] = line
            problems += _duplicate_keys(value, path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += _duplicate_keys(item, path, offset)
    return problems


def _split_front_matter(text: str, path: str) -> tuple[str, str, int] | SpecProblem:
    """(front matter, body, line number of the first front-matter line) or a problem."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return SpecProblem(path, 1, "a spec starts with a '---' line, then YAML front matter, then '---' and the Markdown body")
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]).strip() + "\n", 2
    return SpecProblem(path, 1, "front matter is not closed: add a '---' line after it")


def _forget(data: dict[str, Any], loc: tuple[Any, ...]) -> None:
    """Drop the value at `loc` so the rest can be validated; a bad list item takes its whole list
    (list positions name YAML nodes for line numbers, so they never shift)."""
    for cut, part in enumerate(loc):
        if isinstance(part, int):
            loc = loc[:cut]
            break
    parent: Any = data
    for part in loc[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if isinstance(parent, dict) and loc:
        parent.pop(loc[-1], None)


def _set_aside(data: dict[str, Any], loc: tuple[Any, ...], parsed_path: str, broken: set[int]) -> bool:
    """Make the front matter valid around one error; returns True when the spec's own id was replaced."""
    if loc[:1] == ("tasks",) and len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get("tasks"), list):
        index = loc[1]
        entry = data["tasks"][index]
        if len(loc) == 2 or loc[2] == "id" or not isinstance(entry, dict):
            broken.add(index)  # no usable id: not a task; its problems are reported, the others still checked
            data["tasks"][index] = {"id": "broken"}
        else:
            _forget(entry, loc[2:])
        return False
    if loc == ("id",):  # a stand-in, so the tasks below are still checked
        data["id"] = re.sub(r"[^A-Za-z0-9_.-]", "-", Path(parsed_path).stem).strip(".-") or "spec"
        return True
    if loc == ("title",):
        data["title"] = ""
        return False
    _forget(data, loc)
    return False


def _validate(data: dict[str, Any], node: yaml.MappingNode, path: str, offset: int, labels: list[str]) -> tuple[SpecFile | None, list[SpecProblem], set[int], bool]:
    """Validate the front matter, reporting every bad value: after each round the bad values are set
    aside and the rest validated again (a bad budget does not hide a missing title or a bad task)."""
    problems: list[SpecProblem] = []
    broken: set[int] = set()
    id_broken = False
    for _round in range(8):
        try:
            return SpecFile.model_validate(data), problems, broken, id_broken
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                target = _node_at(node, loc)
                line = _line(target, offset) if loc and target is not node else offset - 1
                if loc[:1] == ("tasks",) and len(loc) >= 2 and isinstance(loc[1], int):
                    label = labels[loc[1]] if loc[1] < len(labels) else f"task #{loc[1] + 1}"
                    field_name = ".".join(str(part) for part in loc[2:])
                    prefix = f"{label}: "
                else:
                    field_name = ".".join(str(part) for part in loc) or "front matter"
                    prefix = ""
                if detail["type"] == "missing":
                    message = f"{prefix}missing required field '{field_name}'"
                else:
                    message = f"{prefix}{field_name}: {detail['msg']}" if field_name else f"{prefix}{detail['msg']}"
                problem = SpecProblem(path, max(line, 1), message)
                if problem not in problems:
                    problems.append(problem)
                id_broken = _set_aside(data, loc, path, broken) or id_broken
    return None, problems, broken, id_broken


def parse_spec_file(file: Path, display_path: str) -> ParsedSpec | list[SpecProblem]:
    """The spec with every problem found in it, or only problems when it cannot be read at all."""
    try:
        text = file.read_text(encoding="utf-8-sig")  # -sig: editors on Windows start files with a BOM
    except (OSError, UnicodeDecodeError) as error:
        return [SpecProblem(display_path, 1, f"cannot read spec: {error}")]
    split = _split_front_matter(text, display_path)
    if isinstance(split, SpecProblem):
        return [split]
    front, body, first_line = split
    offset = first_line  # node lines are 0-based within the front matter
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        data = yaml.load(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + offset if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error)
        return [SpecProblem(display_path, line, f"bad YAML: {reason}")]
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return [SpecProblem(display_path, first_line, "front matter must be a YAML mapping (key: value lines)")]
    labels = task_labels(data)
    problems = _duplicate_keys(node, display_path, offset) + _unknown_keys(node, SPEC_KEYS, display_path, offset, "", labels)
    known_data = {key: value for key, value in data.items() if key in SPEC_KEYS}
    if isinstance(known_data.get("tasks"), list):
        known_data["tasks"] = [
            {k: v for k, v in entry.items() if k in TASK_KEYS} if isinstance(entry, dict) else entry
            for entry in known_data["tasks"]
        ]
    if isinstance(known_data.get("budget"), dict):
        known_data["budget"] = {k: v for k, v in known_data["budget"].items() if k in BUDGET_KEYS}
    spec, invalid, broken, id_broken = _validate(known_data, node, display_path, offset, labels)
    problems += invalid
    if spec is None:
        return problems
    return ParsedSpec(display_path, spec, body, first_line - 1, node, offset, problems, broken, id_broken)


def _key_line(parsed: ParsedSpec, *loc: Any) -> int:
    target = _node_at(parsed.node, loc)
    return _line(target, parsed.line_offset) if target is not parsed.node else parsed.root_line


def _tasks_of(parsed: ParsedSpec) -> tuple[list[Task], list[SpecProblem], dict[str, list[tuple[str, int]]]]:
    """Resolve a spec into tasks (inheritance applied); raw depends_on kept with their lines."""
    spec = parsed.spec
    problems: list[SpecProblem] = []
    raw_deps: dict[str, list[tuple[str, int]]] = {}
    entries = spec.tasks or [None]
    tasks: list[Task] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if index in parsed.broken_tasks:  # its problems are reported already; it is no task
            continue

        def pick(name: str) -> Any:
            value = getattr(entry, name, None) if entry is not None else None
            return value if value is not None else getattr(spec, name)

        task_id = f"{spec.id}/{entry.id}" if entry is not None else spec.id
        where = ("tasks", index) if entry is not None else ()
        line = _key_line(parsed, *where) if entry is not None else parsed.root_line
        if task_id in seen:
            problems.append(SpecProblem(parsed.path, _key_line(parsed, *where, "id"), f"duplicate task id '{task_id}'"))
            continue
        seen.add(task_id)
        for required in ("files", "accept"):
            if not pick(required):
                problems.append(SpecProblem(parsed.path, line, (f"task {task_id}: " if entry is not None else "") + f"missing required field '{required}'" + (" (the task has none and the spec gives no default)" if entry is not None else "")))
        description = parsed.body if entry is None else (parsed.body + ("\n## This task\n" + entry.description.strip() + "\n" if entry.description.strip() else ""))
        dep_loc = (*where, "depends_on") if entry is not None and entry.depends_on is not None else ("depends_on",)
        deps = pick("depends_on") or []
        raw_deps[task_id] = [(dep, _key_line(parsed, *dep_loc, number)) for number, dep in enumerate(deps)]
        tasks.append(
            Task(
                id=task_id,
                spec_id=spec.id,
                title=(entry.title if entry is not None and entry.title else spec.title),
                description=description,
                files=tuple(pick("files") or ()),
                context=tuple(pick("context") or ()),
                accept=tuple(pick("accept") or ()),
                budget=pick("budget") or Budget(),
                model=pick("model"),
                best_of=pick("best_of") or 1,
                escalate=None if pick("escalate") is None else tuple(pick("escalate")),
                review=pick("review") or "auto",
                setup=tuple(pick("setup") or ()),
                source=f"{parsed.path}:{line}",
                decompose=spec.decompose and not spec.tasks,  # listed tasks need no planner
            )
        )
    return tasks, problems, raw_deps


def _resolve_dependencies(
    tasks: list[Task], raw: dict[str, list[tuple[str, int]]], path_of: dict[str, str]
) -> tuple[list[Task], list[SpecProblem]]:
    ids = {task.id for task in tasks}
    by_spec: dict[str, list[str]] = {}
    for task in tasks:
        by_spec.setdefault(task.spec_id, []).append(task.id)
    problems: list[SpecProblem] = []
    resolved: list[Task] = []
    for task in tasks:
        deps: list[str] = []
        for name, line in raw.get(task.id, []):
            if name in by_spec and name != task.spec_id:
                deps += by_spec[name]
            elif name in ids:
                deps.append(name)
            elif f"{task.spec_id}/{name}" in ids:
                deps.append(f"{task.spec_id}/{name}")
            else:
                known = sorted(ids | set(by_spec))
                problems.append(SpecProblem(path_of[task.id], line, f"depends_on: unknown id '{name}'{_did_you_mean(name, known).replace('known keys', 'known ids')}"))
        resolved.append(task.model_copy(update={"depends_on": tuple(dict.fromkeys(deps))}))
    return resolved, problems


def find_cycle(tasks: list[Task]) -> list[str] | None:
    """A dependency cycle as [a, b, ..., a], or None."""
    graph = {task.id: list(task.depends_on) for task in tasks}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in graph.get(node, []):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def topological_order(tasks: list[Task]) -> list[Task]:
    by_id = {task.id: task for task in tasks}
    ordered: list[Task] = []
    done: set[str] = set()

    def visit(task: Task) -> None:
        if task.id in done:
            return
        done.add(task.id)
        for dep in task.depends_on:
            if dep in by_id:
                visit(by_id[dep])
        ordered.append(task)

    for task in tasks:
        visit(task)
    return ordered


def _check_globs(parsed: ParsedSpec, tasks: list[Task], files: list[str]) -> list[SpecProblem]:
    """A wildcard that matches nothing is a typo; a plain path may name a file the task creates."""
    problems = []
    spec = parsed.spec
    checks: list[tuple[str, list[str], tuple[Any, ...], str]] = []
    for key in ("files", "context"):
        if getattr(spec, key):
            checks.append((key, getattr(spec, key), (key,), ""))
        for index, entry in enumerate(spec.tasks or []):
            if getattr(entry, key) and index not in parsed.broken_tasks:
                checks.append((key, getattr(entry, key), ("tasks", index, key), f"task {spec.id}/{entry.id}: "))
    for key, globs, loc, prefix in checks:
        for number, glob in enumerate(globs):
            if glob.startswith("/") or ".." in glob.split("/"):
                problems.append(SpecProblem(parsed.path, _key_line(parsed, *loc, number), f"{prefix}{key}: '{glob}' must stay inside the repository"))
            elif (is_pattern(glob) or key == "context") and not expand([glob], files):
                problems.append(SpecProblem(parsed.path, _key_line(parsed, *loc, number), f"{prefix}{key}: glob '{glob}' matches no file in the repository"))
    return problems


def spec_paths(repo: Path, paths: list[Path] | None = None) -> list[Path]:
    """The spec files named (files or folders), or the repo's default `.interns/specs/*.md`."""
    if not paths:
        return sorted((repo / ".interns" / "specs").glob("*.md"))
    found: list[Path] = []
    for path in paths:
        path = path if path.is_absolute() else (Path.cwd() / path)
        if path.is_dir():
            found += sorted(path.glob("*.md"))
        else:
            found.append(path)
    return found


def _display(repo: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(repo).as_posix()
    except ValueError:
        return str(path)


def load_specs(repo: Path, paths: list[Path] | None = None) -> SpecSet:
    """Load, validate and cross-check specs; never raises for a spec's own mistakes."""
    repo = repo.resolve()
    result = SpecSet()
    files = repo_files(repo)
    all_tasks: list[Task] = []
    raw_deps: dict[str, list[tuple[str, int]]] = {}
    path_of: dict[str, str] = {}
    first_spec_of_id: dict[str, str] = {}
    chosen = spec_paths(repo, paths)
    if not chosen:
        where = ", ".join(_display(repo, path) for path in paths) if paths else ".interns/specs"
        result.problems.append(SpecProblem(where, 0, "no spec files found (create one with `interns init`)"))
        return result
    for file in chosen:
        display = _display(repo, file)
        if not file.exists():
            result.problems.append(SpecProblem(display, 0, "no such spec file"))
            continue
        parsed = parse_spec_file(file, display)
        if isinstance(parsed, list):
            result.problems += parsed
            continue
        tasks, problems, deps = _tasks_of(parsed)
        result.problems += parsed.problems + problems + _check_globs(parsed, tasks, files)
        if parsed.id_broken:  # its problems are reported; its tasks have no ids to run or depend on
            continue
        if parsed.spec.id in first_spec_of_id:
            # still checked on its own above; its tasks stay out (their ids belong to the first file)
            result.problems.append(SpecProblem(display, _key_line(parsed, "id"), f"duplicate spec id '{parsed.spec.id}' (also in {first_spec_of_id[parsed.spec.id]})"))
            continue
        first_spec_of_id[parsed.spec.id] = display
        result.specs.append(parsed)
        all_tasks += tasks
        raw_deps.update(deps)
        path_of.update({task.id: display for task in tasks})
    tasks, problems = _resolve_dependencies(all_tasks, raw_deps, path_of)
    result.problems += problems
    cycle = find_cycle(tasks)
    if cycle:
        first = next(task for task in tasks if task.id == cycle[0])
        result.problems.append(SpecProblem(first.source.rsplit(":", 1)[0], int(first.source.rsplit(":", 1)[1]), "dependency cycle: " + " -> ".join(cycle)))
    else:
        tasks = topological_order(tasks)
    result.tasks = tasks
    result.problems = _in_file_order(result.problems)
    return result


def _in_file_order(problems: list[SpecProblem]) -> list[SpecProblem]:
    """Each problem once, files in the order they were read, each file's problems by line."""
    files = list(dict.fromkeys(problem.path for problem in problems))
    return sorted(dict.fromkeys(problems), key=lambda problem: (files.index(problem.path), problem.line))
