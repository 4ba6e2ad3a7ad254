"""Token generation on the engine: per-sequence decode state (sampling, stops, UTF-8 streaming) and
drivers for one sequence (streaming) or several in lock-step (batched decode)."""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from interns.errors import BadInputError
from interns.local_model.engine import Engine
from interns.local_model.model import SequenceChunk
from interns.local_model.sampling import Sampler, SamplingParams
from interns.local_model.tokenizer import ModelTokenizer


@dataclass
class StreamPiece:
    """Text produced by one step (may be empty while bytes of a character or a stop string wait)."""

    text: str
    token_id: int | None
    finish_reason: str | None = None  # "stop" (token or string) or "length"


@dataclass
class GenerationResult:
    text: str
    token_ids: list[int]
    finish_reason: str
    prompt_tokens: int
    seconds_prefill: float
    seconds_decode: float
    seconds_first_token: float

    @property
    def completion_tokens(self) -> int:
        return len(self.token_ids)

    @property
    def decode_tok_s(self) -> float:
        steps = max(len(self.token_ids) - 1, 0)
        return steps / self.seconds_decode if self.seconds_decode > 0 else 0.0

    @property
    def prefill_tok_s(self) -> float:
        return self.prompt_tokens / self.seconds_prefill if self.seconds_prefill > 0 else 0.0


class DecodeState:
    """Everything that follows from one sampled token: stop checks and the text it adds.

    Text is released as soon as it is certain: bytes of a partly generated UTF-8 character wait for the
    rest, and a tail that could still grow into a stop string waits until it cannot.
    """

    def __init__(self, tokenizer: ModelTokenizer, params: SamplingParams) -> None:
        self.tokenizer = tokenizer
        self.params = params
        self.sampler = Sampler(params)
        self.stop_ids = set(params.stop_token_ids) if params.stop_token_ids is not None else tokenizer.stop_token_ids()
        self.hidden_ids = tokenizer.special_token_ids()
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.token_ids: list[int] = []
        self.text = ""  # released text
        self.pending = ""  # decoded but held back (could start a stop string)
        self.finish_reason: str | None = None

    def sample(self, logits: np.ndarray) -> int:
        return self.sampler(logits)

    def accept(self, token_id: int) -> StreamPiece:
        """Record a sampled token; returns the text it releases and whether generation ends."""
        if token_id in self.stop_ids:
            return self._finish("stop", token_id)
        if self.params.max_tokens == 0:
            return self._finish("length", token_id)
        self.token_ids.append(token_id)
        if token_id not in self.hidden_ids:
            self.pending += self.decoder.decode(self.tokenizer.token_bytes(token_id))
        released = self._release()
        if self.finish_reason is None and len(self.token_ids) >= self.params.max_tokens:
            piece = self._finish("length", token_id)
            return StreamPiece(released + piece.text, token_id, "length")
        return StreamPiece(released, token_id, self.finish_reason)

    def _release(self) -> str:
        stops = self.params.stop
        if not stops:
            out, self.pending = self.pending, ""
            self.text += out
            return out
        # a stop string may span released text and pending text
        window_start = max(0, len(self.text) - max(map(len, stops)) + 1)
        window = self.text[window_start:] + self.pending
        hits = [window.find(stop) for stop in stops]
        found = [hit for hit in hits if hit >= 0]
        if found:
            cut = min(found) - (len(self.text) - window_start)
            out = self.pending[: max(cut, 0)]
            self.pending = ""
            self.text += out
            self.finish_reason = "stop"
            return out
        hold = 0
        for stop in stops:
            for size in range(min(len(stop) - 1, len(window)), 0, -1):
                if window.endswith(stop[:size]):
                    hold = max(hold, size)
                    break
        hold = min(hold, len(self.pending))
        out = self.pending[: len(self.pending) - hold]
        self.pending = self.pending[len(self.pending) - hold :]
        self.text += out
        return out

    def _finish(self, reason: str, token_id: int) -> StreamPiece:
        self.finish_reason = reason
        tail = self.pending + self.decoder.decode(b"", final=True)
        self.pending = ""
        self.text += tail
        return StreamPiece(tail, token_id, reason)


def stream(
    engine: Engine, prompt_ids: list[int], params: SamplingParams, slot: int = 0, stats: dict | None = None
) -> Iterator[StreamPiece]:
    """Generate from `prompt_ids` in `slot` (reset first), yielding text pieces as tokens arrive.

    `stats`, if given, receives prompt_tokens, seconds_prefill, seconds_first_token, seconds_decode.
    """
    if not prompt_ids:
        raise BadInputError("the prompt is empty")
    if len(prompt_ids) + params.max_tokens > engine.max_seq_len:
        raise BadInputError(
            f"prompt ({len(prompt_ids)} tokens) + max_tokens ({params.max_tokens}) exceed the context "
            f"capacity of {engine.max_seq_len} tokens"
        )
    state = DecodeState(engine.tokenizer, params)
    stats = stats if stats is not None else {}
    stats["prompt_tokens"] = len(prompt_ids)
    engine.reset(slot)
    started = time.perf_counter()
    logits = engine.prefill(slot, prompt_ids)
    stats["seconds_prefill"] = time.perf_counter() - started
    if params.max_tokens == 0:
        stats["seconds_first_token"] = stats["seconds_prefill"]
        stats["seconds_decode"] = 0.0
        yield StreamPiece("", None, "length")
        return
    position = len(prompt_ids)
    decode_started = time.perf_counter()
    while True:
        token = state.sample(logits)
        piece = state.accept(token)
        if "seconds_first_token" not in stats:
            stats["seconds_first_token"] = time.perf_counter() - started
            decode_started = time.perf_counter()
        yield piece
        if piece.finish_reason is not None:
            break
        (logits,) = engine.forward([SequenceChunk(slot, np.array([token]), position)])
        position += 1
    stats["seconds_decode"] = time.perf_counter() - decode_started
    stats["finish_reason"] = state.finish_reason
    stats["token_ids"] = state.token_ids


def generate(engine: Engine, prompt_ids: list[int], params: SamplingParams, slot: int = 0) -> GenerationResult:
    """Generate to completion (the non-streaming form of `stream`)."""
    stats: dict = {}
    pieces = list(stream(engine, prompt_ids, params, slot, stats))
    return GenerationResult(
        text="".join(piece.text for piece in pieces),
        token_ids=stats.get("token_ids", []),
        finish_reason=pieces[-1].finish_reason or "length",
        prompt_tokens=len(prompt_ids),
        seconds_prefill=stats["seconds_prefill"],
        seconds_decode=stats.get("seconds_decode", 0.0),
        seconds_first_token=stats["seconds_first_token"],
    )
