"""Our forward pass on tiny random qwen2 and llama GGUFs against transformers' models built from the same
weights (logits stored by bench/reference/make_model_fixtures.py), plus the batch API's invariants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interns.local_model.engine import Engine
from interns.local_model.model import SequenceChunk

ARCHES = ("qwen2", "llama")


def load_tiny(fixtures_dir: Path, arch: str, cache: Path, quant: str = "fp32", n_slots: int = 1) -> Engine:
    return Engine.load(fixtures_dir / f"tiny_{arch}.gguf", quant=quant, cache_dir=cache, n_slots=n_slots, max_seq_len=128)


@pytest.mark.parametrize("arch", ARCHES)
def test_fp32_logits_match_transformers(fixtures_dir: Path, tmp_path: Path, arch: str) -> None:
    reference = np.load(fixtures_dir / "tiny_reference.npz")
    engine = load_tiny(fixtures_dir, arch, tmp_path)
    assert engine.config.architecture == arch
    logits = engine.prefill(0, reference[f"{arch}_ids"], all_logits=True)
    np.testing.assert_allclose(logits, reference[f"{arch}_logits"], atol=2e-4, rtol=1e-4)


def test_llama_is_tied_and_qwen2_is_not(fixtures_dir: Path, tmp_path: Path) -> None:
    assert load_tiny(fixtures_dir, "llama", tmp_path).config.tied_embeddings
    qwen = load_tiny(fixtures_dir, "qwen2", tmp_path).config
    assert not qwen.tied_embeddings and qwen.qkv_bias and qwen.n_kv_heads < qwen.n_heads


@pytest.mark.parametrize("arch", ARCHES)
def test_incremental_decode_equals_full_pass(fixtures_dir: Path, tmp_path: Path, arch: str) -> None:
    reference = np.load(fixtures_dir / "tiny_reference.npz")
    ids, expected = reference[f"{arch}_ids"], reference[f"{arch}_logits"]
    engine = load_tiny(fixtures_dir, arch, tmp_path)
    engine.prefill_chunk = 7  # odd chunking must not matter
    engine.prefill(0, ids[:20])
    for position in range(20, len(ids)):
        (logits,) = engine.forward([SequenceChunk(0, ids[position : position + 1], position)])
        np.testing.assert_allclose(logits, expected[position], atol=2e-4, rtol=1e-4)


def test_batch_of_mixed_chunks_equals_separate_runs(fixtures_dir: Path, tmp_path: Path) -> None:
    """A prompt chunk of one sequence and decode tokens of others in one forward call: each sequence
    gets exactly the logits it gets alone (rows share the matmuls, attention stays per slot)."""
    reference = np.load(fixtures_dir / "tiny_reference.npz")
    ids, expected = reference["qwen2_ids"], reference["qwen2_logits"]
    engine = load_tiny(fixtures_dir, "qwen2", tmp_path, n_slots=3)
    engine.prefill(1, ids[:30])
    engine.prefill(2, ids[:10])
    outputs = engine.forward(
        [
            SequenceChunk(0, ids[:16], 0, all_logits=True),
            SequenceChunk(1, ids[30:31], 30),
            SequenceChunk(2, ids[10:14], 10),
        ]
    )
    np.testing.assert_allclose(outputs[0], expected[:16], atol=2e-4, rtol=1e-4)
    np.testing.assert_allclose(outputs[1], expected[30], atol=2e-4, rtol=1e-4)
    np.testing.assert_allclose(outputs[2], expected[13], atol=2e-4, rtol=1e-4)


def test_copied_prefix_continues_like_the_original(fixtures_dir: Path, tmp_path: Path) -> None:
    reference = np.load(fixtures_dir / "tiny_reference.npz")
    ids, expected = reference["llama_ids"], reference["llama_logits"]
    engine = load_tiny(fixtures_dir, "llama", tmp_path, n_slots=2)
    engine.prefill(0, ids[:32])
    engine.cache.copy_prefix(0, 1, 32)
    (logits,) = engine.forward([SequenceChunk(1, ids[32:40], 32, all_logits=True)])
    np.testing.assert_allclose(logits, expected[32:40], atol=2e-4, rtol=1e-4)
    keys, values = engine.cache.export_blocks(0, 0, 1)
    engine.reset(1)
    engine.cache.import_blocks(1, 0, keys, values)
    (logits,) = engine.forward([SequenceChunk(1, ids[32:33], 32)])
    np.testing.assert_allclose(logits, expected[32], atol=2e-4, rtol=1e-4)


def test_gap_in_history_is_refused(fixtures_dir: Path, tmp_path: Path) -> None:
    from interns.errors import BadInputError

    engine = load_tiny(fixtures_dir, "qwen2", tmp_path)
    with pytest.raises(BadInputError, match="gap"):
        engine.forward([SequenceChunk(0, np.array([1, 2]), 5)])


@pytest.mark.parametrize("quant", ["int8", "int4"])
def test_quantised_paths_track_fp32(fixtures_dir: Path, tmp_path: Path, quant: str) -> None:
    reference = np.load(fixtures_dir / "tiny_reference.npz")
    ids, expected = reference["qwen2_ids"], reference["qwen2_logits"]
    engine = load_tiny(fixtures_dir, "qwen2", tmp_path, quant=quant)
    logits = engine.prefill(0, ids, all_logits=True)
    agreement = (logits.argmax(-1) == expected.argmax(-1)).mean()
    assert agreement >= (0.95 if quant == "int8" else 0.85), agreement
    # the converted weights are cached and memory-mapped: a second load reads them back
    again = load_tiny(fixtures_dir, "qwen2", tmp_path, quant=quant)
    assert again.load_stats.conversion_dir == engine.load_stats.conversion_dir
    np.testing.assert_array_equal(again.prefill(0, ids, all_logits=True), logits)
