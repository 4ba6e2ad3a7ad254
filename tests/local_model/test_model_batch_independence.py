"""A sequence's logits do not depend on what it is batched with (continuous batching relies on it)."""

from __future__ import annotations

import numpy as np
import pytest

from interns.local_model.engine import SequenceChunk

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def engine(model_path):
    from interns.local_model.engine import Engine

    return Engine.load(model_path, quant="int4", n_slots=3, max_seq_len=256)


def test_rows_are_bitwise_independent_of_their_batch(engine) -> None:
    ids = engine.tokenizer.encode('def count(values):\n    """How many."""\n')
    other = engine.tokenizer.encode("def total(xs):\n")
    alone = engine.forward([SequenceChunk(slot=0, token_ids=ids, start_pos=0)])[0]
    together = engine.forward([SequenceChunk(slot=1, token_ids=ids, start_pos=0), SequenceChunk(slot=2, token_ids=other, start_pos=0)])[0]
    assert np.array_equal(alone, together)  # prompt rows
    token = int(alone.argmax())
    decoded_alone = engine.forward([SequenceChunk(slot=0, token_ids=[token], start_pos=len(ids))])[0]
    decoded_together = engine.forward([SequenceChunk(slot=2, token_ids=[7], start_pos=len(other)), SequenceChunk(slot=1, token_ids=[token], start_pos=len(ids))])[1]
    assert np.array_equal(decoded_alone, decoded_together)  # a decode row next to another sequence
