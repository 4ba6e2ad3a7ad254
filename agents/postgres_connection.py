"""Connections to the Postgres database holding the run state (`state = "postgres://..."`).

Every failure to get one becomes a StateUnavailableError (exit 3) naming the fix: a missing extra or an
unreachable database is the setting's problem, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import socket
from typing import Any

from interns.errors import StateUnavailableError
from interns.state_location import redacted

INSTALL_HINT = 'pip install "interns[postgres]"'
CONNECT_TIMEOUT_S = 10
_SCHEMA_READY: set[str] = set()  # database URLs whose tables this process has set up

RUNS_TABLE = """
CREATE TABLE IF NOT EXISTS interns_runs (
    run_id TEXT PRIMARY KEY,
    created DOUBLE PRECISION NOT NULL,
    record JSONB NOT NULL,
    report JSONB
)"""


def require_extra(url: str) -> None:
    """Fail early, with the install command, when the postgres extra is missing."""
    try:
        import langgraph.checkpoint.postgres  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError as error:
        raise StateUnavailableError(f"the run state is configured in Postgres ({redacted(url)}) but the postgres extra is not installed ({error.name} is missing): {INSTALL_HINT}") from None


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def application_name() -> str:
    # shown in pg_stat_activity: who holds a run's lock, on which machine
    return f"interns pid {os.getpid()} on {socket.gethostname()}"[:63]


def connect(url: str) -> Any:
    """A new autocommit connection (what LangGraph's PostgresSaver expects), tables set up once per process."""
    require_extra(url)
    import psycopg
    from psycopg.rows import dict_row

    try:
        connection = psycopg.connect(
            url, autocommit=True, prepare_threshold=0, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S,
            application_name=application_name(),
        )
    except psycopg.Error as error:
        raise StateUnavailableError(f"cannot reach the run-state database {redacted(url)}: {str(error).strip()}") from None
    if url not in _SCHEMA_READY:
        try:
            _set_up(connection)
        except psycopg.Error as error:
            connection.close()
            raise StateUnavailableError(f"cannot set up the run-state tables in {redacted(url)}: {str(error).strip()}") from None
        _SCHEMA_READY.add(url)
    return connection


def _set_up(connection: Any) -> None:
    from langgraph.checkpoint.postgres import PostgresSaver

    # two processes creating the same tables at once collide in Postgres' catalog: one at a time
    key = advisory_key("interns:schema")
    connection.execute("SELECT pg_advisory_lock(%s)", (key,))
    try:
        PostgresSaver(connection).setup()  # LangGraph's own tables and migrations
        connection.execute(RUNS_TABLE)
    finally:
        connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
