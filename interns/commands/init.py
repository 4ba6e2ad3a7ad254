"""`interns init`: scaffold `.interns/` with a commented example spec and config."""

from __future__ import annotations

from pathlib import Path

import typer

from interns.tools.git_repo import GitRepo

EXAMPLE_SPEC = """---
# A spec: YAML front matter (this part) + a Markdown body (below). `interns spec check` validates it.
id: hello                     # letters, digits, . _ - ; names the task's git branch
title: Add a greeting helper
files: [hello.py]             # globs the intern may change (a plain path may be a new file)
# context: ["src/**/*.py"]    # globs the intern may read but not change
accept:                       # shell commands; all must exit 0 for the change to count
  - python -c "from hello import greet; assert greet('Ada') == 'Hello, Ada!'"
# depends_on: [other-spec]    # spec ids, or spec/task ids, that must merge first
budget: {attempts: 3, tokens: 20000, seconds: 600}
# best_of: 2                  # samples per attempt; the first that passes is kept
# model: openai/gpt-4o-mini   # any litellm model string; default: the bundled local model
# review: manual              # approve the merge in the TUI
# tasks:                      # several crisp tasks in one spec, each inheriting the fields above
#   - id: parse
#     title: Parse the input
#     files: [src/parse.py]
---
Create `hello.py` with a function `greet(name: str) -> str` that returns `"Hello, <name>!"`.
"""

EXAMPLE_CONFIG = """# interns configuration for this repository (also readable from [tool.interns] in pyproject.toml).

# parallel = 2                          # interns working at once
# specs = [".interns/specs"]            # where `interns run` looks for specs
# context = "focused"                   # or "whole": every in-scope file whole (small repos only)
# state = "sqlite"                      # or "postgres://user@host:5432/db": runs shared by machines (interns[postgres])

[models]
# intern = "local/qwen2.5-coder-0.5b"   # the bundled model; or any litellm model string
# planner = "local/qwen2.5-coder-0.5b"  # splits specs marked `decompose: true`
# timeout_s = 600
# retries = 2
# escalate = ["local/qwen2.5-coder-1.5b"]  # the cascade: models a task goes on with when the intern model fails
# attempts_before_escalating = 1        # the intern model's attempts when a cascade follows (unless set per spec)
# answer_form = "auto"                  # function: continue the target function's header; edit-blocks: whole files
# prefill = "auto"                      # start answers with our text (local/ and anthropic/ models)
# keep_behaviour = true                 # refuse bug fixes that drop a raise or a parameter of the function
# plain_first = true                    # first answers asked as plainly as the raw model (implementations; later tiers)

[sandbox]
# backend = "auto"                      # docker; without a usable engine: an error (local = not isolated, by name only)
# image = "my-team/python-sandbox:3.11" # your own image
# setup = ["pip install -e ."]          # run once per task container, with network
# memory_mb = 2048
# command_timeout_s = 300

[executor]
# backend = "in-process"                # or "ray": each intern a Ray task on any node of a cluster (interns[ray])
# address = "10.0.0.5:6379"             # the Ray cluster (RAY_ADDRESS and --ray-address win over it)
# num_cpus = 1                          # what Ray reserves for each intern; memory_mb defaults to sandbox.memory_mb
# resources = {docker = 1}              # only nodes started with `ray start --resources='{"docker": 64}'`
"""


def init(repo: Path = typer.Option(Path("."), "--repo"), force: bool = typer.Option(False, "--force", help="Overwrite existing files.")) -> None:
    """Create .interns/ with an example spec and a commented config."""
    root = GitRepo(repo, require_commit=False).root
    files = {
        root / ".interns" / "specs" / "hello.md": EXAMPLE_SPEC,
        root / ".interns" / "config.toml": EXAMPLE_CONFIG,
        root / ".interns" / ".gitignore": "# run state: checkpoints, worktrees, reports\nstate/\n",
    }
    for path, text in files.items():
        if path.exists() and not force:
            typer.echo(f"kept     {path.relative_to(root)} (exists; --force overwrites)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        typer.echo(f"created  {path.relative_to(root)}")
    typer.echo("next: edit the spec, commit, then `interns run`")
