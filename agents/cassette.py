"""Record/replay of model calls: a JSONL cassette of requests and answers.

Recording writes one line per call: the request (model, messages, params), its key (a hash of the
request), the answer and its usage. Replay answers a request from the first unused entry with the
same key, else from the first unused entry whose `match` substrings all appear in the prompt; that
second rule lets a person write a cassette by hand for a scenario (tests, demos).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interns.errors import BadInputError


def request_key(messages: list[dict[str, Any]], params: dict[str, Any]) -> str:
    canonical = json.dumps({"messages": messages, "params": params}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def prompt_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(message.get("content", "")) for message in messages)


@dataclass
class CassetteEntry:
    response: str
    usage: dict[str, int]
    key: str | None = None
    match: tuple[str, ...] = ()
    repeat: bool = False  # may answer any number of times
    used: int = 0
    line: int = 0


class Cassette:
    """A loaded cassette; thread-safe, since interns run in parallel."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[CassetteEntry] = []
        self._lock = threading.Lock()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise BadInputError(f"--replay {path}: cannot read cassette: {error}") from error
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                data = json.loads(line)
                self.entries.append(
                    CassetteEntry(
                        response=str(data["response"]),
                        usage={k: int(v) for k, v in (data.get("usage") or {}).items() if k in ("prompt_tokens", "completion_tokens")},
                        key=data.get("key"),
                        match=tuple(data.get("match") or ()),
                        repeat=bool(data.get("repeat", False)),
                        line=number,
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise BadInputError(f"{path}:{number}: bad cassette line: {error}") from error

    def answer(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> CassetteEntry | None:
        key = request_key(messages, params)
        text = prompt_text(messages)
        with self._lock:
            for rule in ("key", "match"):
                for entry in self.entries:
                    if entry.used and not entry.repeat:
                        continue
                    if rule == "key" and entry.key == key or rule == "match" and entry.key is None and all(part in text for part in entry.match):
                        entry.used += 1
                        return entry
        return None


class Recorder:
    """Appends every model call to a cassette file as it happens (so a killed run keeps them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)

    def record(self, model: str, messages: list[dict[str, Any]], params: dict[str, Any], response: str, usage: dict[str, int], meta: dict[str, Any]) -> None:
        line = json.dumps(
            {"key": request_key(messages, params), "model": model, "meta": meta, "messages": messages, "params": params, "response": response, "usage": usage},
            ensure_ascii=False,
        )
        self.append_lines([line])

    def append_lines(self, lines: list[str]) -> None:
        """Append recorded lines as they are (calls recorded by another process, e.g. a Ray worker)."""
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
