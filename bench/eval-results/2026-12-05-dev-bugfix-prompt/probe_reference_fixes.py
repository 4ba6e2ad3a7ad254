"""Would models.keep_behaviour refuse a reference fix? For every bug fix of the given splits, every
function its solution.patch changes: tools/edits/kept_behaviour.lost_behaviour(before, after, spec).

    python probe_reference_fixes.py bench/tasks dev
"""
import ast
import sys
import tempfile
from pathlib import Path

from interns.evaluation.taskset import load_taskset
from interns.evaluation.workspace import apply_patch, copy_task_repo
from interns.tools.edits.kept_behaviour import lost_behaviour


def functions(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, ast.get_source_segment(source, node, padded=True) or "")
    return found


tasks = [task for task in load_taskset(Path(sys.argv[1])) if task.kind == "bugfix" and task.meta.split in sys.argv[2:]]
flagged = checked = 0
for task in tasks:
    with tempfile.TemporaryDirectory() as tmp:
        start, reference = copy_task_repo(task, Path(tmp) / "start"), copy_task_repo(task, Path(tmp) / "ref")
        for path in apply_patch(task.solution, reference):
            if not path.endswith(".py") or not (start / path).exists():
                continue
            before, after = functions((start / path).read_text()), functions((reference / path).read_text())
            for name, old in before.items():
                if name in after and after[name] != old:
                    checked += 1
                    spec = "\n".join(spec.read_text() for spec in (start / ".interns" / "specs").glob("*.md"))
                    if lost := lost_behaviour(old, after[name], spec):
                        flagged += 1
                        print(task.name, path, name, lost)
print(f"{flagged} of {checked} changed functions in {len(tasks)} reference bug fixes would be refused")
