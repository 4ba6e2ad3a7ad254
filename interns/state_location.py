"""Where a repository's run state lives: the embedded SQLite (default) or a Postgres database.

Chosen by, first to last: the INTERNS_STATE environment variable (the `--state` flag of run, resume and
status sets it), the config's top-level `state`, then `sqlite`. A database shared by several machines
lets a run started on one be watched and resumed from another.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

STATE_ENV = "INTERNS_STATE"
SQLITE = "sqlite"
POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def is_postgres(location: str) -> bool:
    return location.startswith(POSTGRES_SCHEMES)


def state_problem(location: object) -> str | None:
    """Why `location` is not a run-state location (None when it is one); the config and INTERNS_STATE share it."""
    if location == SQLITE or (isinstance(location, str) and is_postgres(location)):
        return None
    return f"must be 'sqlite' or a Postgres URL (postgres://user@host:port/db), not {location!r}"


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def state_location(repo_root: Path) -> str:
    from interns.config import load_config
    from interns.errors import BadInputError

    from_env = os.environ.get(STATE_ENV, "").strip()
    if from_env:
        problem = state_problem(from_env)
        if problem:
            raise BadInputError(f"{STATE_ENV} {problem}")
        return from_env
    return load_config(repo_root).state
