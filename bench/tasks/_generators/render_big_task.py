"""Render the generated files of a `big-*` task: a 3,000+-line module with one function stubbed or bugged.

    python render_big_task.py stockroom/inventory.py                              # the complete module
    python render_big_task.py stockroom/inventory.py fifo_issue_cost              # its body stubbed
    python render_big_task.py stockroom/inventory.py plan_picks --bug OLD NEW     # a bug planted in it
    python render_big_task.py --json '{"module": ..., "function": ..., "bug": [[OLD, NEW]]}'
                                                          # every generated file of that task, as JSON

Each base (big_stockroom.py, big_ledgerkit.py, big_timetable.py) holds the module header and
hand-written blocks placed between the records (start, middle, end of the module); its records are the
tables of big_<base>.toml, rendered by bigmod_engine.py. A task (its task.toml's [generated] table)
names the module, the function and, for a bug fix, the text replacements that plant the bug; without
them the function's body becomes `raise NotImplementedError` (its docstring stays). `interns eval` runs
this script with --json (the [generated] table) when it copies a task's repo: the module and the
records' tests (`tests/test_<module>_records.py`) are not stored in the task. The output depends on
nothing but the bases, so it is the same on every run.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bigmod_engine import HELPERS, render_entity, render_record_tests  # noqa: E402

import big_ledgerkit  # noqa: E402
import big_stockroom  # noqa: E402
import big_timetable  # noqa: E402

BASES = [big_stockroom, big_ledgerkit, big_timetable]
MIN_LINES = 3000


def module_path(base: ModuleType) -> str:
    return f"{base.PACKAGE}/{base.MODULE}.py"


def find_base(module: str) -> ModuleType:
    for base in BASES:
        if module_path(base) == module:
            return base
    raise SystemExit(f"no generated module {module!r} (there are {', '.join(module_path(base) for base in BASES)})")


def render_module(base: ModuleType) -> str:
    parts = [base.HEADER.strip("\n") + "\n", HELPERS]
    for index, entity in enumerate(base.ENTITIES):
        if index in base.BLOCKS:
            parts.append(base.BLOCKS[index].strip("\n") + "\n")
        parts.append(render_entity(entity))
    if len(base.ENTITIES) in base.BLOCKS:
        parts.append(base.BLOCKS[len(base.ENTITIES)].strip("\n") + "\n")
    text = "\n\n".join(part.rstrip("\n") + "\n" for part in parts)
    text = text.replace("\n\n\n\n", "\n\n\n")
    assert text.count("\n") >= MIN_LINES, (base.PACKAGE, text.count("\n"))
    return text


def function_node(source: str, name: str) -> ast.FunctionDef:
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise SystemExit(f"no top-level function {name!r} in the module")


def stub(source: str, name: str) -> str:
    """`source` with the body of top-level function `name` replaced by `raise NotImplementedError`."""
    node = function_node(source, name)
    lines = source.split("\n")
    first_body = node.body[1].lineno  # node.body[0] is the docstring
    indent = " " * node.body[1].col_offset
    del lines[first_body - 1 : node.end_lineno]
    lines.insert(first_body - 1, indent + "raise NotImplementedError")
    return "\n".join(lines)


def plant_bug(source: str, name: str, bug: list[tuple[str, str]]) -> str:
    """`source` with each (old, new) replacement made, in function `name` or a helper it calls (every
    `old` occurs once in the module)."""
    function_node(source, name)  # the task's function exists
    for old, new in bug:
        if source.count(old) != 1:
            raise SystemExit(f"the bug's text {old!r} is not once in the module")
        source = source.replace(old, new)
    return source


def start_module(module: str, function: str | None, bug: list[tuple[str, str]]) -> str:
    """The module as the task starts: complete without `function`, else stubbed or bugged there."""
    complete = render_module(find_base(module))
    if function is None:
        return complete
    start = plant_bug(complete, function, bug) if bug else stub(complete, function)
    assert start != complete
    ast.parse(start)
    return start


def generated_files(module: str, function: str, bug: list[tuple[str, str]]) -> dict[str, str]:
    """Every file the task's repo gets on top of what its repo/ folder stores, by relative path."""
    base = find_base(module)
    entities = [entity for entity in base.ENTITIES if entity.name in base.RECORD_TEST_ENTITIES]
    return {
        module: start_module(module, function, bug),
        f"tests/test_{base.MODULE}_records.py": render_record_tests(f"{base.PACKAGE}.{base.MODULE}", entities),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", nargs="?", help="the generated module, e.g. stockroom/inventory.py")
    parser.add_argument("function", nargs="?", help="the task's function (stubbed, or bugged with --bug)")
    parser.add_argument("--bug", nargs=2, action="append", default=[], metavar=("OLD", "NEW"), help="plant a bug: replace OLD by NEW")
    parser.add_argument("--json", metavar="TASK", help="a task's [generated] table as JSON: print every file it generates, as JSON {path: text}")
    args = parser.parse_args()
    if args.json is not None:  # the texts travel as JSON: any bug text, even one starting with "-"
        task = json.loads(args.json)
        files = generated_files(task["module"], task["function"], [(old, new) for old, new in task.get("bug", [])])
        json.dump(files, sys.stdout)
    elif args.module is None:
        parser.error("name a module (or give --json)")
    else:
        sys.stdout.write(start_module(args.module, args.function, [(old, new) for old, new in args.bug]))


if __name__ == "__main__":
    main()
