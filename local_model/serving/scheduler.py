"""Continuous batching: one engine thread advances every active sequence in one forward per step.

Each step gathers the next token of every decoding sequence and the next prompt chunk of sequences still
reading their prompt, runs them through `Engine.forward` as ONE batch (every linear layer is then one
matrix-matrix product over all rows), samples a token for each sequence whose prompt is done, and hands
the released text to the waiting request handler. Requests join between steps when a KV slot is free;
finished, cancelled or disconnected ones leave between steps and free their slot.

A sequence's own computation never depends on its neighbours: decode rows are single tokens, sampling
state is per sequence, and the kernels compute each row alone, so a greedy request gives the same tokens
alone or among many, whether a block of its prompt was computed in its own slot or copied from the cache.

Prompts that arrive together and share a prefix (best-of-N samples of one prompt, interns of one run)
read it once: while one sequence computes a block, the others that need the same block wait, then copy
it from the prefix cache, where prompt blocks are stored as soon as they are computed.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
import traceback
import uuid
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from interns.local_model.engine import Engine, SequenceChunk
from interns.local_model.generate import DecodeState
from interns.local_model.sampling import SamplingParams
from interns.local_model.serving.api_errors import APIError, queue_full, server_error
from interns.local_model.serving.metrics import ServerMetrics
from interns.local_model.serving.prefix_cache import CachedBlock, PrefixCache, block_keys

log = logging.getLogger("interns.serve")

DEFAULT_PREFILL_CHUNK = 128


class _TokenizerWithCachedSets:
    """The engine's tokenizer, with its special and stop id sets computed once: DecodeState asks for
    them per request, and each walks the whole vocabulary (~50 ms, paid on every first token)."""

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer
        self._special = frozenset(tokenizer.special_token_ids())
        self._stop = frozenset(tokenizer.stop_token_ids())

    def special_token_ids(self) -> frozenset[int]:
        return self._special

    def stop_token_ids(self) -> frozenset[int]:
        return self._stop

    def __getattr__(self, name: str):
        return getattr(self._tokenizer, name)


@dataclass
class StreamEvent:
    """Text released by one step of a request's sequence; the last one carries finish_reason or error."""

    text: str
    finish_reason: str | None = None
    error: APIError | None = None


class GenerationHandle:
    """A request's view of its sequence: events to await, usage figures, and cancel()."""

    _ids = itertools.count(1)

    def __init__(self, prompt_ids: list[int], params: SamplingParams, loop: asyncio.AbstractEventLoop) -> None:
        self.id = f"{uuid.uuid4().hex[:12]}{next(self._ids)}"
        self.prompt_ids = list(prompt_ids)
        self.params = params
        self.events: asyncio.Queue[StreamEvent] = asyncio.Queue()
        self._loop = loop
        self._scheduler: Scheduler | None = None
        self.cancelled = False
        self.done = False
        self.prompt_tokens = len(prompt_ids)
        self.cached_tokens = 0
        self.completion_tokens = 0
        self.finish_reason: str | None = None
        self.submitted_at = time.monotonic()
        self.first_token_at: float | None = None

    def cancel(self) -> None:
        """Stop generating (client gone): the sequence leaves before the next step."""
        if not self.done and not self.cancelled:
            self.cancelled = True
            if self._scheduler is not None:
                self._scheduler.wake()

    def emit(self, event: StreamEvent) -> None:
        """Called from the engine thread: hand the event to the handler's event loop."""
        if event.finish_reason is not None or event.error is not None:
            self.done = True
        try:
            self._loop.call_soon_threadsafe(self.events.put_nowait, event)
        except RuntimeError:  # the event loop is closed (server shutting down): nobody is listening
            pass

    async def collect(self) -> str:
        """Wait for the whole answer (non-streaming); raises the sequence's APIError if it failed."""
        parts: list[str] = []
        while True:
            event = await self.events.get()
            if event.error is not None:
                raise event.error
            parts.append(event.text)
            if event.finish_reason is not None:
                return "".join(parts)


@dataclass
class _Sequence:
    handle: GenerationHandle
    slot: int
    state: DecodeState | None = None  # set once the request is started
    position: int = 0  # positions of the slot holding valid KV
    tokens: list[int] = field(default_factory=list)  # the tokens at those positions
    next_token: int | None = None  # sampled, to be fed at the next step (None while reading the prompt)
    prompt_stored: bool = False
    prompt_keys: list[bytes] = field(default_factory=list)  # chained keys of the prompt's reusable blocks

    @property
    def prompt(self) -> list[int]:
        return self.handle.prompt_ids


class Scheduler:
    """Owns the engine: admits requests into KV slots and runs the batched step loop on its thread."""

    def __init__(
        self,
        engine: Engine,
        queue_size: int = 64,
        prefix_cache_bytes: int = 512 << 20,
        prefill_chunk: int = DEFAULT_PREFILL_CHUNK,
        step_tokens: int | None = None,
        metrics: ServerMetrics | None = None,
    ) -> None:
        self.engine = engine
        self.max_batch = engine.n_slots
        self.queue_size = max(0, queue_size)
        self.prefill_chunk = max(1, prefill_chunk)
        # prompt rows per step beyond the decode rows; at least one chunk always goes
        self.step_tokens = step_tokens if step_tokens is not None else self.prefill_chunk
        self.block_size = engine.cache.block_size
        self.tokenizer = _TokenizerWithCachedSets(engine.tokenizer)
        self.prefix_cache = PrefixCache(self.block_size, prefix_cache_bytes)
        self.metrics = metrics or ServerMetrics()
        self._cond = threading.Condition()
        self._waiting: deque[GenerationHandle] = deque()
        self._inflight = 0  # waiting + active, what the capacity bounds
        self._free_slots = list(range(self.max_batch))
        self._active: list[_Sequence] = []  # engine thread only (others read its length)
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._recent_seconds: deque[float] = deque(maxlen=32)  # request durations, for Retry-After

    # ---- called from the event loop ----------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="interns-engine", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def submit(self, handle: GenerationHandle) -> None:
        """Queue a request; raises the 429 APIError when every slot and queue place is taken."""
        with self._cond:
            if self._stopping or not self.alive:
                raise APIError(503, "the engine is not running", "server_error", None, "engine_stopped")
            if self._inflight >= self.max_batch + self.queue_size:
                raise queue_full(self._retry_after())
            handle._scheduler = self
            self._inflight += 1
            self._waiting.append(handle)
            self._cond.notify_all()

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    @property
    def active_sequences(self) -> int:
        return len(self._active)

    @property
    def in_flight(self) -> int:
        """Requests running or waiting; 0 when the model may be unloaded (read on the event loop, which
        is the only place requests are submitted from)."""
        return self._inflight

    @property
    def queue_depth(self) -> int:
        return len(self._waiting)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def gauges(self) -> dict[str, tuple[str, float]]:
        return {
            "interns_active_sequences": ("Sequences holding a KV slot.", self.active_sequences),
            "interns_queue_depth": ("Requests waiting for a KV slot.", self.queue_depth),
            "interns_slots": ("KV slots (the most sequences batched together).", self.max_batch),
            "interns_queue_capacity": ("Requests that may wait before new ones get 429.", self.queue_size),
        }

    def _retry_after(self) -> int:
        typical = sorted(self._recent_seconds)[len(self._recent_seconds) // 2] if self._recent_seconds else 1.0
        return max(1, min(60, round(typical)))

    # ---- the engine thread -------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and not self._waiting and not self._active:
                    self._cond.wait()
                if self._stopping:
                    break
                admitted = self._admissions()
            try:
                for handle, slot in admitted:
                    self._start(handle, slot)
                self._drop_cancelled()
                if self._active:
                    self._step()
            except Exception as error:  # noqa: BLE001 - a bug here must not leave requests hanging forever
                log.error("engine loop failed:\n%s", traceback.format_exc())
                for sequence in list(self._active):
                    self._leave(sequence, StreamEvent("", error=server_error(f"the engine failed: {error}")), "error")
        shutting_down = server_error("the server is shutting down")
        for sequence in list(self._active):
            self._leave(sequence, StreamEvent("", error=shutting_down), "cancelled")
        with self._cond:
            waiting, self._waiting = list(self._waiting), deque()
            self._inflight -= len(waiting)
        for handle in waiting:
            handle.emit(StreamEvent("", error=shutting_down))

    def _admissions(self) -> list[tuple[GenerationHandle, int]]:
        """Waiting requests that get a free slot now (called with the lock held)."""
        gone = [handle for handle in self._waiting if handle.cancelled]
        for handle in gone:  # left while queued: give their queue places back now
            self._waiting.remove(handle)
            self._inflight -= 1
            self.metrics.count_request("cancelled")
        admitted = []
        while self._waiting and self._free_slots:
            handle = self._waiting.popleft()
            if handle.cancelled:
                self._inflight -= 1
                self.metrics.count_request("cancelled")
                continue
            admitted.append((handle, self._free_slots.pop(0)))
        return admitted

    def _start(self, handle: GenerationHandle, slot: int) -> None:
        """Put a request in its slot, with as much of its prompt as the prefix cache holds."""
        sequence = _Sequence(handle, slot)
        self._active.append(sequence)
        try:
            sequence.state = DecodeState(self.tokenizer, handle.params)
            self.engine.reset(slot)
            if self.prefix_cache.enabled:
                # at least the prompt's last token is computed: its logits give the first new token
                reusable = (len(handle.prompt_ids) - 1) // self.block_size
                sequence.prompt_keys = block_keys(handle.prompt_ids, self.block_size, reusable)
                hits = self.prefix_cache.match(sequence.prompt_keys)
                for index, block in enumerate(hits):
                    self.engine.cache.import_blocks(slot, index, block.keys, block.values)
                sequence.position = len(hits) * self.block_size
                sequence.tokens = list(handle.prompt_ids[: sequence.position])
                handle.cached_tokens = sequence.position
        except Exception as error:  # noqa: BLE001 - one bad request must not stop the engine thread
            log.error("starting request %s failed:\n%s", handle.id, traceback.format_exc())
            self._leave(sequence, StreamEvent("", error=server_error(f"the engine failed: {error}")), "error")

    def _drop_cancelled(self) -> None:
        for sequence in [s for s in self._active if s.handle.cancelled]:
            self._leave(sequence, StreamEvent("", finish_reason="cancelled"), "cancelled")

    def _plan(self) -> list[tuple[_Sequence, SequenceChunk]]:
        """This step's rows: every decode token, then prompt chunks (oldest first) within the budget.
        A prompt whose next block another sequence computes in this step waits for it instead."""
        plan: list[tuple[_Sequence, SequenceChunk]] = []
        prompt_rows = 0
        claimed: set[bytes] = set()  # keys of the blocks that this step's prompt chunks begin with
        for sequence in self._active:
            if sequence.next_token is not None:
                chunk = SequenceChunk(sequence.slot, np.array([sequence.next_token], dtype=np.int64), sequence.position)
                plan.append((sequence, chunk))
        for sequence in self._active:
            if sequence.next_token is not None:
                continue
            self._catch_up(sequence)
            next_key = self._next_block_key(sequence)
            if next_key is not None:
                if next_key in claimed:
                    continue  # an earlier sequence computes this very block now: copy it next step
                claimed.add(next_key)
            piece = sequence.prompt[sequence.position : sequence.position + self.prefill_chunk]
            if prompt_rows and prompt_rows + len(piece) > self.step_tokens:
                break
            plan.append((sequence, SequenceChunk(sequence.slot, np.array(piece, dtype=np.int64), sequence.position)))
            prompt_rows += len(piece)
        return plan

    def _next_block_key(self, sequence: _Sequence) -> bytes | None:
        """The key of the reusable block a prompt-reading sequence computes next, if it starts one."""
        index, offset = divmod(sequence.position, self.block_size)
        return sequence.prompt_keys[index] if offset == 0 and index < len(sequence.prompt_keys) else None

    def _catch_up(self, sequence: _Sequence) -> None:
        """Copy into the sequence's slot the blocks of its prompt that others computed since it started."""
        if not self.prefix_cache.enabled or self._next_block_key(sequence) is None:
            return
        known = sequence.position // self.block_size
        hits = self.prefix_cache.match(sequence.prompt_keys, known=known)
        if len(hits) <= known:
            return
        for index in range(known, len(hits)):
            self.engine.cache.import_blocks(sequence.slot, index, hits[index].keys, hits[index].values)
        sequence.position = len(hits) * self.block_size
        sequence.tokens = list(sequence.prompt[: sequence.position])
        sequence.handle.cached_tokens += (len(hits) - known) * self.block_size

    def _step(self) -> None:
        plan = self._plan()
        started = time.perf_counter()
        try:
            outputs = self.engine.forward([chunk for _, chunk in plan])
        except Exception:  # noqa: BLE001 - find the sequence at fault, keep serving the others
            log.error("engine step failed; retrying its sequences one by one:\n%s", traceback.format_exc())
            plan, outputs = self._isolate(plan)
        seconds = time.perf_counter() - started
        prompt_rows = generated = 0
        for (sequence, chunk), logits in zip(plan, outputs):
            fed = [int(token) for token in chunk.token_ids]
            sequence.position += len(fed)
            sequence.tokens.extend(fed)
            if sequence.next_token is None:
                prompt_rows += len(fed)
                if sequence.position < len(sequence.prompt):
                    self._store_prompt_blocks(sequence)  # others waiting on these blocks copy them
                    continue  # more prompt to read
                self._store_prefix(sequence)
            try:
                finished = self._sample(sequence, logits)
            except Exception as error:  # noqa: BLE001
                log.error("sampling for %s failed:\n%s", sequence.handle.id, traceback.format_exc())
                self._leave(sequence, StreamEvent("", error=server_error(f"sampling failed: {error}")), "error")
                continue
            generated += 1
            if finished:
                self._store_prefix(sequence)
                self._leave(sequence, None, "finished")
        self.metrics.record_step(sum(len(chunk.token_ids) for _, chunk in plan), prompt_rows, generated, seconds)

    def _isolate(self, plan: list[tuple[_Sequence, SequenceChunk]]) -> tuple[list, list]:
        """Run a failed step's chunks one at a time (rewriting the same KV positions is harmless):
        the chunks that fail alone end their sequence with an error, the rest go on."""
        kept, outputs = [], []
        for sequence, chunk in plan:
            try:
                (logits,) = self.engine.forward([chunk])
            except Exception as error:  # noqa: BLE001
                self._leave(sequence, StreamEvent("", error=server_error(f"the engine failed: {error}")), "error")
                continue
            kept.append((sequence, chunk))
            outputs.append(logits)
        return kept, outputs

    def _sample(self, sequence: _Sequence, logits: np.ndarray) -> bool:
        """Pick the next token, release its text; True when the sequence is finished."""
        handle = sequence.handle
        token = sequence.state.sample(logits)
        piece = sequence.state.accept(token)
        handle.completion_tokens = len(sequence.state.token_ids)
        if handle.first_token_at is None:
            handle.first_token_at = time.monotonic()
            self.metrics.record_first_token(handle.first_token_at - handle.submitted_at)
        if piece.finish_reason is None and sequence.position + 1 >= self.engine.max_seq_len:
            piece.finish_reason = "length"  # the slot is full (requests are checked, this is a safety net)
        if piece.finish_reason is not None:
            handle.finish_reason = piece.finish_reason
            handle.emit(StreamEvent(piece.text, piece.finish_reason))
            return True
        if piece.text:
            handle.emit(StreamEvent(piece.text))
        sequence.next_token = token
        return False

    def _store_prompt_blocks(self, sequence: _Sequence) -> None:
        """Offer the prompt blocks computed so far to the prefix cache (a sequence still reading)."""
        self._store_chain(sequence.slot, sequence.prompt_keys[: sequence.position // self.block_size])

    def _store_prefix(self, sequence: _Sequence) -> None:
        """Offer the sequence's computed full blocks (prompt, and later its answer) to the prefix cache."""
        self._store_chain(sequence.slot, block_keys(sequence.tokens, self.block_size))

    def _store_chain(self, slot: int, keys: list[bytes]) -> None:
        if not self.prefix_cache.enabled:
            return

        def export(index: int) -> CachedBlock:
            keys_block, values_block = self.engine.cache.export_blocks(slot, index, 1)
            return CachedBlock(keys_block, values_block)

        try:
            self.prefix_cache.store_chain(keys, export)
        except Exception:  # noqa: BLE001 - a cache failure only costs speed
            log.error("prefix cache store failed:\n%s", traceback.format_exc())

    def _leave(self, sequence: _Sequence, event: StreamEvent | None, outcome: str) -> None:
        if sequence not in self._active:
            return  # already gone (left once already)
        self._active.remove(sequence)
        if event is not None:
            sequence.handle.emit(event)
        sequence.handle.done = True
        self.engine.reset(sequence.slot)
        self._recent_seconds.append(time.monotonic() - sequence.handle.submitted_at)
        self.metrics.count_request(outcome)
        with self._cond:
            self._free_slots.append(sequence.slot)
            self._free_slots.sort()
            self._inflight -= 1
