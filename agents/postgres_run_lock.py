"""The "one driver per run" lock when the run state is in Postgres: a session advisory lock keyed by the
run id, held on a connection of its own for as long as the process drives the run.

Like the flock of a local run, it goes when its holder does, however it dies: Postgres ends the session
(and drops the lock) when the connection closes, so a SIGKILLed run never leaves a stale lock, and a
driver on any machine sharing the database is refused while another holds the run.
"""

from __future__ import annotations

from typing import Any

from interns.agents.postgres_connection import advisory_key, connect
from interns.agents.run_store import RunLock, RunLockedError

HOLDER_QUERY = """
SELECT a.application_name, a.client_addr::text AS client, a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s AND l.objid::bigint = %s AND l.objsubid = 1
"""

_HELD: dict[tuple[str, str], Any] = {}  # (database, run id) -> the connection holding the lock, in this process


def run_lock_key(run_id: str) -> int:
    return advisory_key(f"interns:run:{run_id}")


class PostgresRunLock(RunLock):  # the same contract (held until release() or death), not a flock
    def __init__(self, url: str, run_id: str) -> None:
        self.run_id = run_id
        self._slot = (url, run_id)
        key = run_lock_key(run_id)
        connection = connect(url)
        if not self._try(connection, key):
            leaked = _HELD.pop(self._slot, None)
            if leaked is None:
                holder = self._holder(connection, key)
                connection.close()
                raise RunLockedError(run_id, holder)
            leaked.close()  # a runner of this very process that was never finished: take its place
            if not self._try(connection, key):
                connection.close()
                raise RunLockedError(run_id, "this process")
        self._connection = connection
        _HELD[self._slot] = connection

    @staticmethod
    def _try(connection: Any, key: int) -> bool:
        return bool(connection.execute("SELECT pg_try_advisory_lock(%s) AS locked", (key,)).fetchone()["locked"])

    @staticmethod
    def _holder(connection: Any, key: int) -> str:
        # a bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits)
        unsigned = key & 0xFFFFFFFFFFFFFFFF
        row = connection.execute(HOLDER_QUERY, (unsigned >> 32, unsigned & 0xFFFFFFFF)).fetchone()
        if row is None:
            return "unknown"
        return f"{row['application_name'] or 'unknown'}" + (f", from {row['client']}" if row["client"] else "")

    def release(self) -> None:
        connection = getattr(self, "_connection", None)
        if connection is not None and not connection.closed:
            _HELD.pop(self._slot, None)
            connection.close()  # ending the session drops its advisory locks
