"""Specs that tests in several folders run, written once."""

from __future__ import annotations

from pathlib import Path

from support.repos import whole_file, write_cassette

def spec(spec_id: str, title: str, files: str, accept: str, extra: str = "", body: str = "Do it.") -> str:
    """A one-task spec file: its front matter (`extra` lines go after `accept`) and its body."""
    return f"---\nid: {spec_id}\ntitle: {title}\nfiles: [{files}]\naccept: [\"{accept}\"]\n{extra}---\n{body}\n"


# one task that waits for a person before its merge
FLAG_SPEC = """---
id: flag
title: Feature flag
files: [app/flags.py]
accept: ["python -c 'from app.flags import ENABLED; assert ENABLED'"]
review: manual
---
Add `ENABLED = True` in app/flags.py.
"""

# a misspelt key, so two problems: the field it leaves missing (line 1) and the key itself (line 5)
TYPO_SPEC = """---
id: typo
title: Typo
files: [app/typo.py]
acept: ["true"]
---
A spec with a misspelt key.
"""


def slow_task_files(seconds: int) -> dict[str, str]:
    """A repository with one task whose acceptance sleeps `seconds`: long enough to act on the run
    (resume it, kill it) while it works."""
    spec = f"""---
id: slow
title: Slow task
files: [slow/value.py]
accept: ["sleep {seconds}"]
---
A task whose acceptance takes long enough to act on the run while it works.
"""
    return {"slow/__init__.py": "", ".interns/specs/slow.md": spec}


def slow_task_cassette(path: Path) -> Path:
    """The replayed model's answer to the slow task."""
    return write_cassette(path, [{"match": ["# Task: Slow task"], "response": whole_file("slow/value.py", "VALUE = 1\n")}])
