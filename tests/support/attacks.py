"""The security battery's building blocks: a repository whose spec holds attack tasks next to a benign
one, a host folder the attacks aim at, and the sandbox scripts that try to take over host-side git.

Everything goes through the real spine (`interns run --replay`): the attack is either a task's
acceptance command (a script committed in the repository) or the model's answer (a cassette entry).
"""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from support.repos import git, make_repo, read_report, whole_file, write_cassette

SENTINEL_TEXT = "the host's own file: no sandbox may change it\n"
BENIGN_ACCEPT = "python -c 'from app.benign import VALUE; assert VALUE == 1'"
USER_CONFIG = "# the user's own interns config\nmax_parse_retries = 0\n"

# Replaces the worktree's `.git` file by a repository of its own whose objects are the real repository's
# (through objects/info/alternates), so host-side git commands keep working in it. `set -e`: when the
# `.git` link cannot be removed (the read-only mount), the command stops there and says why.
FAKE_GIT_DIR = r"""
set -e
admin=$(sed -n 's/^gitdir: //p' .git)
common=${admin%/worktrees/*}
rm -f .git
mkdir -p .git/objects/info .git/refs/heads .git/hooks
echo "$common/objects" > .git/objects/info/alternates
echo "ref: refs/heads/main" > .git/HEAD
printf '[core]\n\trepositoryformatversion = 0\n\tbare = false\n' > .git/config
"""


def fsmonitor_attack(pwned: Path) -> str:
    return FAKE_GIT_DIR + f"printf '\\tfsmonitor = \"touch {pwned}; false\"\\n' >> .git/config\n"


def worktree_redirect_attack(host: Path) -> str:
    """The fake repository's work tree is a host folder: `reset --hard` and `clean -fdx` land there."""
    return FAKE_GIT_DIR + f"printf '\\tworktree = {host}\\n' >> .git/config\nexit 1\n"


def hooks_attack(pwned: Path) -> str:
    hooks = ("post-index-change", "pre-commit", "post-commit", "reference-transaction", "post-merge", "post-checkout")
    lines = [f"printf '#!/bin/sh\\ntouch {pwned}-{hook}\\n' > .git/hooks/{hook}; chmod +x .git/hooks/{hook}" for hook in hooks]
    return FAKE_GIT_DIR + "\n".join(lines) + "\n"


def filter_attack(pwned: Path) -> str:
    """A clean/smudge filter and a diff textconv, selected by a `.gitattributes` the command writes."""
    return FAKE_GIT_DIR + (
        f"printf '[filter \"evil\"]\\n\\tclean = \"touch {pwned}-clean; cat\"\\n\\tsmudge = \"touch {pwned}-smudge; cat\"\\n' >> .git/config\n"
        f"printf '[diff \"evil\"]\\n\\ttextconv = \"touch {pwned}-textconv; cat\"\\n' >> .git/config\n"
        "printf '* filter=evil diff=evil\\n' > .gitattributes\n"
        "echo '# changed by the command' >> app/attack.py\n"
    )


def endless_attack(pwned: Path, marker: str) -> str:
    """Never ends; meanwhile keeps trying to swap `.git`, and leaves a daemon behind."""
    swap = fsmonitor_attack(pwned).replace("set -e\n", "")
    return textwrap.dedent(f"""\
        ( while true; do ( {swap.strip().replace(chr(10), '; ')} ) 2>/dev/null; sleep 0.2; done ) &
        ( setsid sh -c 'exec sleep {marker}1' & ) 2>/dev/null
        exec sleep {marker}
        """)


def flood_attack(count: int) -> str:
    """`count` files with long names, and interns' own config and specs rewritten."""
    long_name = "f" * 200
    return textwrap.dedent(f"""\
        set -e
        mkdir -p flood .interns/specs
        i=0
        while [ $i -lt {count} ]; do : > "flood/{long_name}$i"; i=$((i+1)); done
        printf '[sandbox]\\nbackend = "local"\\n' > .interns/config.toml
        printf -- '---\\nid: evil\\ntitle: Evil\\nfiles: ["**"]\\naccept: ["true"]\\n---\\nInjected.\\n' > .interns/specs/evil.md
        echo '# changed by the command' >> app/attack.py
        """)


@dataclass
class AttackTask:
    id: str
    files: list[str]
    answer: str  # the model's answer (a cassette entry, repeated)
    accept: list[str] = field(default_factory=lambda: ["true"])
    attempts: int = 1

    @property
    def title(self) -> str:
        return f"Attack {self.id}"


@dataclass
class Battery:
    repo: Path
    host: Path  # a folder outside the repository the attacks aim at
    cassette: Path
    before: dict[str, bytes]  # the host folder's files before the run

    def run(self, interns, backend: str = "docker", timeout: float = 110) -> tuple[Any, dict[str, Any]]:
        report_path = self.repo.parent / "report.json"
        result = interns("run", "--sandbox", backend, "--parallel", "2", "--replay", str(self.cassette), "--json", str(report_path), "--plain", cwd=self.repo, timeout=timeout)
        assert report_path.exists(), result.stdout + result.stderr
        return result, read_report(report_path)

    def host_files(self) -> dict[str, bytes]:
        return {path.relative_to(self.host).as_posix(): path.read_bytes() for path in sorted(self.host.rglob("*")) if path.is_file() or path.is_symlink()}

    def assert_host_untouched(self) -> None:
        assert self.host_files() == self.before, "a file outside the worktree changed: " + ", ".join(sorted(set(self.host_files()) ^ set(self.before)))


def build_battery(root: Path, tasks: list[AttackTask], scripts: dict[str, str] | None = None, extra_files: dict[str, str] | None = None, symlinks: dict[str, str] | None = None, config: str = USER_CONFIG) -> Battery:
    """A repository with the attack tasks and one benign task (which must still merge)."""
    host = root / "host"
    host.mkdir(parents=True)
    (host / "sentinel.txt").write_text(SENTINEL_TEXT)
    spec_tasks = [
        {"id": task.id, "title": task.title, "files": task.files, "accept": task.accept, "budget": {"attempts": task.attempts}}
        for task in tasks
    ] + [{"id": "benign", "title": "Benign task", "files": ["app/benign.py"], "accept": [BENIGN_ACCEPT]}]
    spec = "---\n" + "id: battery\ntitle: Security battery\naccept: ['true']\ntasks: " + json.dumps(spec_tasks) + "\n---\nSmall changes to the app package.\n"
    files = {
        "app/__init__.py": "",
        "app/benign.py": "VALUE = 0\n",
        "app/attack.py": "X = 0\n",
        ".interns/config.toml": config,
        ".interns/specs/battery.md": spec,
        **(scripts or {}),
        **(extra_files or {}),
    }
    repo = make_repo(root / "repo", files)
    for link, target in (symlinks or {}).items():
        os.symlink(target, repo / link)
        git(repo, "add", link)
    if symlinks:
        git(repo, "commit", "-qm", "links")
    entries = [{"match": ["Benign task"], "response": whole_file("app/benign.py", "VALUE = 1\n")}]
    entries += [{"match": [task.title], "response": task.answer, "repeat": True} for task in tasks]
    cassette = write_cassette(root / "cassette.jsonl", entries)
    battery = Battery(repo, host, cassette, {})
    battery.before = battery.host_files()
    return battery


def task_report(report: dict[str, Any], task_id: str) -> dict[str, Any]:
    """A task of the battery spec (ids in the report are `battery/<task>`)."""
    return next(task for task in report["tasks"] if task["id"] == f"battery/{task_id}")


def simple_answer() -> str:
    return whole_file("app/attack.py", "X = 1\n")
