"""Runs kept in Postgres (`state = "postgres://..."`): what another process, on another machine, needs to
see and resume a run lives in the database: the run records (`interns runs`, `status`), the reports,
LangGraph's checkpoints (PostgresSaver, thread id = run id) and the run locks (advisory locks).

The events log stays a file in the driving machine's `.interns/state/runs/` (the live feed of the TUI
and the timelines of the report); `status` and `resume` do not need it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

from interns.agents.postgres_connection import connect, require_extra
from interns.agents.postgres_run_lock import PostgresRunLock
from interns.agents.run_store import RunRecord, RunStore
from interns.errors import BadInputError
from interns.state_location import redacted


class PostgresRunStore(RunStore):
    def __init__(self, state_dir: Path, url: str) -> None:
        require_extra(url)  # before anything else: the error names the install command
        super().__init__(state_dir)
        self.url = url

    @property
    def location(self) -> str:
        return redacted(self.url)

    @property
    def checkpoints_location(self) -> str:
        return redacted(self.url)

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        connection = connect(self.url)
        try:
            cursor = connection.execute(sql, parameters)
            return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    # -- records -------------------------------------------------------------------------------------
    def save(self, record: RunRecord) -> None:
        from psycopg.types.json import Jsonb

        self._query(
            "INSERT INTO interns_runs (run_id, created, record) VALUES (%s, %s, %s) "
            "ON CONFLICT (run_id) DO UPDATE SET record = EXCLUDED.record",
            (record.run_id, record.created, Jsonb(asdict(record))),
        )

    def load(self, run_id: str) -> RunRecord:
        rows = self._query("SELECT record FROM interns_runs WHERE run_id = %s", (run_id,))
        if not rows:
            known = ", ".join(record.run_id for record in self.list()[-5:]) or "none"
            raise BadInputError(f"no run '{run_id}' in {self.location} (recent runs: {known})")
        return RunRecord(**rows[0]["record"])

    def list(self) -> list[RunRecord]:
        records = []
        for row in self._query("SELECT record FROM interns_runs ORDER BY created"):
            try:
                records.append(RunRecord(**row["record"]))
            except TypeError:  # a record written by another version of interns
                continue
        return records

    # -- reports ---------------------------------------------------------------------------------------
    def write_report(self, run_id: str, text: str) -> None:
        from psycopg.types.json import Jsonb

        super().write_report(run_id, text)  # the local copy, where the run ended
        self._query("UPDATE interns_runs SET report = %s WHERE run_id = %s", (Jsonb(json.loads(text)), run_id))

    def read_report(self, run_id: str) -> dict[str, Any] | None:
        rows = self._query("SELECT report FROM interns_runs WHERE run_id = %s", (run_id,))
        return rows[0]["report"] if rows else None

    # -- checkpoints and locks -------------------------------------------------------------------------
    def open_checkpointer(self) -> tuple[Any, Callable[[], None]]:
        from langgraph.checkpoint.postgres import PostgresSaver

        # one connection for the run: PostgresSaver serialises its use across the parallel interns
        connection = connect(self.url)
        return PostgresSaver(connection), connection.close

    def _saved(self, run_id: str) -> Any:
        saver, close = self.open_checkpointer()
        try:
            return saver.get_tuple({"configurable": {"thread_id": run_id}})
        finally:
            close()

    def last_state(self, run_id: str) -> dict[str, Any]:
        saved = self._saved(run_id)
        return dict(saved.checkpoint.get("channel_values") or {}) if saved else {}

    def delete_checkpoints(self, run_id: str) -> bool:
        saver, close = self.open_checkpointer()
        try:
            existed = saver.get_tuple({"configurable": {"thread_id": run_id}}) is not None
            saver.delete_thread(run_id)
        finally:
            close()
        return existed

    def delete_record(self, run_id: str) -> bool:
        return bool(self._query("DELETE FROM interns_runs WHERE run_id = %s RETURNING run_id", (run_id,)))

    def lock(self, run_id: str) -> PostgresRunLock:
        return PostgresRunLock(self.url, run_id)
