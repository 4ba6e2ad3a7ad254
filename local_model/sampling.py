"""Choosing the next token from logits: greedy, temperature, top-k, top-p, seeded."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interns.errors import BadInputError

# top-p first looks among this many best tokens; only if they hold less than top_p of the mass does it
# sort the whole vocabulary (exact either way, ~10x cheaper in the common case)
TOP_P_CANDIDATES = 1024


@dataclass
class SamplingParams:
    max_tokens: int = 256
    temperature: float = 0.0  # 0 = greedy
    top_k: int = 0  # 0 = no limit
    top_p: float = 1.0
    seed: int | None = None
    stop: list[str] = field(default_factory=list)  # stop strings (not included in the output)
    stop_token_ids: list[int] | None = None  # None = the tokenizer's end-of-turn/end-of-text ids
    logit_bias: dict[int, float] = field(default_factory=dict)  # token id -> added to its logit (OpenAI's logit_bias)

    def validate(self) -> None:
        if self.max_tokens < 0:
            raise BadInputError(f"max_tokens must be >= 0, got {self.max_tokens}")
        if self.temperature < 0:
            raise BadInputError(f"temperature must be >= 0, got {self.temperature}")
        if self.top_k < 0:
            raise BadInputError(f"top_k must be >= 0, got {self.top_k}")
        if not 0.0 < self.top_p <= 1.0:
            raise BadInputError(f"top_p must be in (0, 1], got {self.top_p}")
        if any(not stop for stop in self.stop):
            raise BadInputError("stop strings must not be empty")


class Sampler:
    def __init__(self, params: SamplingParams) -> None:
        params.validate()
        self.params = params
        self.rng = np.random.default_rng(params.seed)

    def __call__(self, logits: np.ndarray) -> int:
        params = self.params
        if params.logit_bias:
            logits = np.array(logits, dtype=np.float64)  # a copy: the engine's logits stay untouched
            ids = np.fromiter(params.logit_bias, dtype=np.int64)
            logits[ids] += np.fromiter(params.logit_bias.values(), dtype=np.float64)
        if params.temperature == 0.0 or params.top_k == 1:
            return int(np.argmax(logits))
        logits = np.asarray(logits, dtype=np.float64) / params.temperature
        if params.top_k and params.top_k < logits.size:
            # top-k first, then top-p over the renormalised survivors (the usual order)
            candidates = np.argpartition(-logits, params.top_k - 1)[: params.top_k]
            probs = _softmax(logits[candidates])
            return self._nucleus(candidates, probs)
        if params.top_p >= 1.0:
            # inverse CDF on the unnormalised weights: the same distribution as rng.choice(p=softmax),
            # without its normalisation and checks over the whole vocabulary (~1 ms a token)
            cumulative = np.cumsum(np.exp(logits - logits.max()))
            return min(int(np.searchsorted(cumulative, self.rng.random() * cumulative[-1], side="right")), logits.size - 1)
        probs = _softmax(logits)
        best = np.argpartition(-probs, TOP_P_CANDIDATES - 1)[:TOP_P_CANDIDATES]
        if probs[best].sum() >= params.top_p:
            return self._nucleus(best, probs[best])
        return self._nucleus(np.arange(probs.size), probs)

    def _nucleus(self, candidates: np.ndarray, probs: np.ndarray) -> int:
        """Sample among the smallest set of most likely candidates whose mass reaches top_p."""
        order = np.argsort(-probs, kind="stable")
        if self.params.top_p < 1.0:
            keep = int(np.searchsorted(np.cumsum(probs[order]), self.params.top_p) + 1)
            order = order[:keep]
        kept = probs[order] / probs[order].sum()
        return int(candidates[order[self.rng.choice(len(order), p=kept)]])


def _softmax(values: np.ndarray) -> np.ndarray:
    exps = np.exp(values - values.max())
    return exps / exps.sum()
