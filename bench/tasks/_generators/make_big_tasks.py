"""Generate the `big-*` tasks: one function to implement or fix inside a 3,000+-line module.

    python bench/tasks/_generators/make_big_tasks.py      # rewrites bench/tasks/big-*/

Each base (big_stockroom.py, big_ledgerkit.py, big_timetable.py) holds the module header, record
tables (rendered by bigmod_engine.py), hand-written blocks placed between the records (start,
middle, end of the module), and its tasks. A task stubs one hand-written function (implement:
the body becomes `raise NotImplementedError`, the docstring stays) or plants a bug in it
(bugfix: text replacements); the solution is the complete module. Deterministic output.
"""

from __future__ import annotations

import ast
import shutil
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bigmod_engine import HELPERS, render_entity, render_record_tests  # noqa: E402

import big_ledgerkit  # noqa: E402
import big_stockroom  # noqa: E402
import big_timetable  # noqa: E402

TASKS_DIR = HERE.parent
BASES = [big_stockroom, big_ledgerkit, big_timetable]
MIN_LINES = 3000


def render_module(base) -> str:
    parts = [base.HEADER.strip("\n") + "\n", HELPERS]
    for index, entity in enumerate(base.ENTITIES):
        if index in base.BLOCKS:
            parts.append(base.BLOCKS[index].strip("\n") + "\n")
        parts.append(render_entity(entity))
    if len(base.ENTITIES) in base.BLOCKS:
        parts.append(base.BLOCKS[len(base.ENTITIES)].strip("\n") + "\n")
    text = "\n\n".join(part.rstrip("\n") + "\n" for part in parts)
    return text.replace("\n\n\n\n", "\n\n\n")


def stub(source: str, name: str) -> str:
    """`source` with the body of top-level function `name` replaced by `raise NotImplementedError`."""
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    lines = source.split("\n")
    first_body = node.body[1].lineno  # node.body[0] is the docstring
    indent = " " * node.body[1].col_offset
    del lines[first_body - 1 : node.end_lineno]
    lines.insert(first_body - 1, indent + "raise NotImplementedError")
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def build_task(base, task: dict, module_text: str) -> None:
    pkg, mod = base.PACKAGE, base.MODULE
    root = TASKS_DIR / task["name"]
    if root.exists():
        shutil.rmtree(root)
    target = task["target"]
    if task["mode"] == "implement":
        start = stub(module_text, target)
        kind = "implement"
    else:
        start = module_text
        for old, new in task["bug"]:
            assert start.count(old) == 1, (task["name"], old)
            start = start.replace(old, new)
        kind = "bugfix"
    assert start != module_text
    ast.parse(start)
    test_stem = task.get("test", target.split("_", 1)[-1] if target.count("_") else target)
    test_file = f"tests/test_{test_stem}.py"
    spec_id = task["name"].removeprefix("big-")
    if kind == "implement":
        title = f"Implement {target}"
        body = (
            f"`{target}` in `{pkg}/{mod}.py` is not written yet. Implement it following its docstring; "
            "leave the rest of the module as it is."
        )
    else:
        title = task.get("title", f"Fix {target}")
        body = (
            task["symptom"]
            + f"\n\nThe cause is in `{target}` in `{pkg}/{mod}.py` (or a helper it calls). Make it behave as its "
            "docstring says; leave the rest of the module as it is."
        )
    body = "\n\n".join(
        textwrap.fill(paragraph, width=100, break_long_words=False, break_on_hyphens=False) for paragraph in body.split("\n\n")
    )
    spec = (
        f"---\nid: {spec_id}\ntitle: {title}\nfiles: [{pkg}/{mod}.py]\ncontext: [{test_file}]\n"
        f"accept:\n  - python -m pytest -q {test_file}\nbudget: {{attempts: 3, tokens: 40000, seconds: 600}}\n---\n{body}\n"
    )
    write(root / "repo" / ".interns" / "specs" / f"{spec_id}.md", spec)
    write(root / "repo" / ".gitignore", "__pycache__/\n*.pyc\n.pytest_cache/\n")
    write(root / "repo" / "README.md", f"# {pkg}\n\n{base.DESCRIPTION}\n\nRun the tests with `python -m pytest -q`.\n")
    write(
        root / "repo" / "pyproject.toml",
        f'[project]\nname = "{pkg}"\nversion = "0.1.0"\ndescription = "{base.DESCRIPTION}"\nrequires-python = ">=3.10"\n\n'
        '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
    )
    write(root / "repo" / pkg / "__init__.py", f'"""{base.DESCRIPTION}"""\n')
    write(root / "repo" / pkg / f"{mod}.py", start)
    entities = [e for e in base.ENTITIES if e.name in base.RECORD_TEST_ENTITIES]
    write(root / "repo" / "tests" / f"test_{mod}_records.py", render_record_tests(f"{pkg}.{mod}", entities))
    write(root / "repo" / test_file, task["visible"].lstrip("\n"))
    write(root / "hidden" / "tests" / f"test_hidden_{test_stem}.py", task["hidden"].lstrip("\n"))
    write(root / "solution" / pkg / f"{mod}.py", module_text)
    summary = task["summary"].replace('"', '\\"')
    write(
        root / "task.toml",
        f'kind = "{kind}"\ndifficulty = "{task["difficulty"]}"\nsummary = "{summary}"\nsplit = "{task["split"]}"\n\n'
        '[hidden]\ncommand = "python -m pytest -q tests"\ntimeout = 120\n',
    )


def main() -> None:
    for base in BASES:
        module_text = render_module(base)
        ast.parse(module_text)
        count = module_text.count("\n")
        assert count >= MIN_LINES, (base.PACKAGE, count)
        for task in base.TASKS:
            build_task(base, task, module_text)
            print(f"{task['name']}: {base.PACKAGE}/{base.MODULE}.py, {count} lines, target {task['target']} ({task['mode']})")


if __name__ == "__main__":
    main()
