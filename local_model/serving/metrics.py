"""Server counters and gauges, rendered in the Prometheus text exposition format."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

RATE_WINDOW_S = 10.0  # tokens/s gauges average over this many recent seconds


@dataclass
class _RateWindow:
    """Events (time, count) of the last RATE_WINDOW_S seconds, for a tokens-per-second gauge."""

    events: deque = field(default_factory=deque)

    def add(self, count: int, now: float) -> None:
        self.events.append((now, count))
        self._trim(now)

    def rate(self, now: float) -> float:
        self._trim(now)
        return sum(count for _, count in self.events) / RATE_WINDOW_S

    def _trim(self, now: float) -> None:
        while self.events and self.events[0][0] < now - RATE_WINDOW_S:
            self.events.popleft()


class ServerMetrics:
    """Everything /metrics reports; updated by the engine thread and the request handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[str, int] = {}  # by outcome: finished, cancelled, rejected_queue_full, bad_request, error
        self.prompt_tokens = 0
        self.generation_tokens = 0
        self.steps = 0
        self.step_rows = 0
        self.step_seconds = 0.0
        self.first_token_seconds = 0.0  # summed over requests: submit -> first token sampled
        self.first_tokens = 0
        self._generation = _RateWindow()
        self._prompt = _RateWindow()

    def count_request(self, outcome: str) -> None:
        with self._lock:
            self.requests[outcome] = self.requests.get(outcome, 0) + 1

    def record_first_token(self, seconds: float) -> None:
        with self._lock:
            self.first_token_seconds += seconds
            self.first_tokens += 1

    def record_step(self, rows: int, prompt_tokens: int, generated: int, seconds: float) -> None:
        now = time.monotonic()
        with self._lock:
            self.steps += 1
            self.step_rows += rows
            self.step_seconds += seconds
            self.prompt_tokens += prompt_tokens
            self.generation_tokens += generated
            if generated:
                self._generation.add(generated, now)
            if prompt_tokens:
                self._prompt.add(prompt_tokens, now)

    def reset(self) -> None:
        """Forget everything counted so far (after the warm-up burst)."""
        self.__init__()  # type: ignore[misc]

    def families(self, gauges: dict[str, tuple[str, float]] | None, prefix_stats) -> list[Family]:
        """Counters and rates; the scheduler's gauges and the prefix cache's figures when the model is
        loaded (`gauges` and `prefix_stats` None when it is not)."""
        now = time.monotonic()
        with self._lock:
            families = [
                Family("interns_requests_total", "counter", "Requests by outcome.",
                       [("", {"outcome": outcome}, count) for outcome, count in sorted(self.requests.items())] or [("", {"outcome": "finished"}, 0)]),
                Family.single("interns_prompt_tokens_total", "counter", "Prompt tokens computed by the engine (cache hits excluded).", self.prompt_tokens),
                Family.single("interns_generation_tokens_total", "counter", "Tokens generated.", self.generation_tokens),
                Family.single("interns_generation_tokens_per_second", "gauge", f"Tokens generated per second over the last {RATE_WINDOW_S:g} s.", self._generation.rate(now)),
                Family.single("interns_prompt_tokens_per_second", "gauge", f"Prompt tokens computed per second over the last {RATE_WINDOW_S:g} s.", self._prompt.rate(now)),
                Family.single("interns_engine_steps_total", "counter", "Batched forward steps.", self.steps),
                Family.single("interns_engine_step_rows_total", "counter", "Token rows over all steps (rows/steps = mean batch rows).", self.step_rows),
                Family("interns_time_to_first_token_seconds", "summary", "Seconds from a request's arrival to its first token.",
                       [("_sum", {}, self.first_token_seconds), ("_count", {}, self.first_tokens)]),
                Family.single("interns_engine_step_seconds_total", "counter", "Seconds spent in batched forward steps.", self.step_seconds),
            ]
        families.append(Family.single("interns_model_loaded", "gauge", "1 while the model is loaded, 0 when it is not (yet, or unloaded for another).", int(gauges is not None)))
        for name, (help_text, value) in (gauges or {}).items():
            families.append(Family.single(name, "gauge", help_text, value))
        if prefix_stats is not None:
            families += [
                Family.single("interns_prefix_cache_hit_rate", "gauge", "Prompt tokens served from the prefix cache / tokens it could have served.", prefix_stats.hit_rate),
                Family.single("interns_prefix_cache_hit_tokens_total", "counter", "Prompt tokens served from the prefix cache.", prefix_stats.hit_tokens),
                Family.single("interns_prefix_cache_lookup_tokens_total", "counter", "Prompt tokens looked up in the prefix cache.", prefix_stats.lookup_tokens),
                Family.single("interns_prefix_cache_blocks", "gauge", "KV blocks held by the prefix cache.", prefix_stats.blocks),
                Family.single("interns_prefix_cache_bytes", "gauge", "Bytes held by the prefix cache.", prefix_stats.bytes),
                Family.single("interns_prefix_cache_max_bytes", "gauge", "Prefix cache budget in bytes.", prefix_stats.max_bytes),
                Family.single("interns_prefix_cache_evicted_blocks_total", "counter", "Blocks evicted from the prefix cache.", prefix_stats.evicted_blocks),
            ]
        return families


@dataclass
class Family:
    """One metric: its samples as (name suffix, labels, value)."""

    name: str
    kind: str
    help: str
    samples: list[tuple[str, dict[str, str], float]]

    @classmethod
    def single(cls, name: str, kind: str, help_text: str, value: float) -> "Family":
        return cls(name, kind, help_text, [("", {}, value)])


def render(by_model: dict[str, list[Family]], started: float) -> str:
    """Prometheus text: every model's families merged under one HELP/TYPE each, its samples labelled
    model="<name>", then the server's uptime."""
    merged: dict[str, Family] = {}
    for model, families in by_model.items():
        for family in families:
            into = merged.setdefault(family.name, Family(family.name, family.kind, family.help, []))
            into.samples += [(suffix, {"model": model, **labels}, value) for suffix, labels, value in family.samples]
    merged["interns_uptime_seconds"] = Family.single("interns_uptime_seconds", "gauge", "Seconds since the server started.", time.time() - started)
    lines: list[str] = []
    for family in merged.values():
        lines += [f"# HELP {family.name} {family.help}", f"# TYPE {family.name} {family.kind}"]
        for suffix, labels, value in family.samples:
            text = ",".join(f'{key}="{_escaped(label)}"' for key, label in labels.items())
            lines.append(f"{family.name}{suffix}{{{text}}} {_number(value)}" if text else f"{family.name}{suffix} {_number(value)}")
    return "\n".join(lines) + "\n"


def _escaped(label: str) -> str:
    return label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"
