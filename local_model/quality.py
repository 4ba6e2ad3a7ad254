"""Quality of a quantised engine against a reference engine on real text: top-1 agreement of the
next-token predictions and perplexity, computed chunk by chunk (never all logits at once)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interns.local_model.engine import Engine
from interns.local_model.model import SequenceChunk


@dataclass(frozen=True)
class QualityReport:
    tokens: int
    top1_agreement: float  # fraction of positions where both engines predict the same next token
    perplexity: float
    reference_perplexity: float

    @property
    def perplexity_ratio(self) -> float:
        return self.perplexity / self.reference_perplexity

    def as_dict(self) -> dict:
        return {
            "tokens": self.tokens,
            "top1_agreement": round(self.top1_agreement, 4),
            "perplexity": round(self.perplexity, 4),
            "reference_perplexity": round(self.reference_perplexity, 4),
            "perplexity_ratio": round(self.perplexity_ratio, 4),
        }


def _negative_log_likelihood(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    logits = logits.astype(np.float64)
    top = logits.max(axis=-1, keepdims=True)
    log_norm = np.log(np.exp(logits - top).sum(axis=-1)) + top[:, 0]
    return log_norm - logits[np.arange(len(targets)), targets]


def compare(engine: Engine, reference: Engine, token_ids: list[int], chunk: int = 256, slot: int = 0) -> QualityReport:
    """Run `token_ids` through both engines; score predictions of tokens 1..n-1."""
    ids = np.asarray(token_ids, dtype=np.int64)
    agree = 0
    nll, ref_nll = [], []
    engine.reset(slot)
    reference.reset(slot)
    for start in range(0, len(ids) - 1, chunk):
        piece = ids[start : start + chunk]
        targets = ids[start + 1 : start + 1 + len(piece)]
        (ours,) = engine.forward([SequenceChunk(slot, piece, start, all_logits=True)])
        (theirs,) = reference.forward([SequenceChunk(slot, piece, start, all_logits=True)])
        ours, theirs = ours[: len(targets)], theirs[: len(targets)]
        agree += int((ours.argmax(-1) == theirs.argmax(-1)).sum())
        nll.append(_negative_log_likelihood(ours, targets))
        ref_nll.append(_negative_log_likelihood(theirs, targets))
    scored = len(ids) - 1
    return QualityReport(
        tokens=scored,
        top1_agreement=agree / scored,
        perplexity=float(np.exp(np.concatenate(nll).mean())),
        reference_perplexity=float(np.exp(np.concatenate(ref_nll).mean())),
    )
