"""Sampling, stop handling and UTF-8-safe streaming, on the tiny byte-level models (no real model needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interns.errors import BadInputError
from interns.local_model.chat import Message, default_system_prompt, format_chat
from interns.local_model.engine import Engine
from interns.local_model.generate import DecodeState, generate, stream
from interns.local_model.sampling import Sampler, SamplingParams
from interns.local_model.source import open_model_source


@pytest.fixture
def tiny_tokenizer(fixtures_dir: Path, tmp_path: Path):
    return open_model_source(fixtures_dir / "tiny_qwen2.gguf", tmp_path).tokenizer


@pytest.fixture
def tiny_engine(fixtures_dir: Path, tmp_path: Path) -> Engine:
    return Engine.load(fixtures_dir / "tiny_qwen2.gguf", quant="fp32", cache_dir=tmp_path, n_slots=3, max_seq_len=128)


def feed(state: DecodeState, ids: list[int]) -> list[str]:
    pieces = []
    for token in ids:
        piece = state.accept(token)
        pieces.append(piece.text)
        if piece.finish_reason:
            break
    return pieces


def test_greedy_picks_the_argmax() -> None:
    logits = np.array([0.1, 3.0, 2.9, -1.0], np.float32)
    assert Sampler(SamplingParams())(logits) == 1


def test_seeded_sampling_is_reproducible_and_respects_top_k_and_top_p() -> None:
    rng = np.random.default_rng(0)
    logits = rng.standard_normal(5000).astype(np.float32) * 3
    params = dict(temperature=1.0, seed=42)
    first = [Sampler(SamplingParams(**params))(logits) for _ in range(3)]
    sampler = Sampler(SamplingParams(**params))
    run = [sampler(logits) for _ in range(50)]
    assert first == [run[0]] * 3
    assert len(set(run)) > 10  # it really samples
    top5 = set(np.argsort(-logits)[:5].tolist())
    top_k = Sampler(SamplingParams(temperature=1.0, top_k=5, seed=1))
    assert {top_k(logits) for _ in range(200)} <= top5
    # a peaked distribution: top_p 0.5 keeps only the dominant token
    peaked = logits.copy()
    peaked[123] = 50.0
    top_p = Sampler(SamplingParams(temperature=1.0, top_p=0.5, seed=3))
    assert {top_p(peaked) for _ in range(50)} == {123}
    # top_p close to 1 on a flat distribution goes past the fast candidate set and still works
    flat = np.zeros(5000, np.float32)
    wide = Sampler(SamplingParams(temperature=1.0, top_p=0.99, seed=4))
    assert len({wide(flat) for _ in range(100)}) > 50


def test_temperature_sampling_follows_the_softmax() -> None:
    logits = np.array([0.0, 1.0, 2.0, 3.0, -40.0], np.float32)
    sampler = Sampler(SamplingParams(temperature=1.5, seed=7))
    counts = np.bincount([sampler(logits) for _ in range(20_000)], minlength=5) / 20_000
    expected = np.exp(logits / 1.5) / np.exp(logits / 1.5).sum()
    assert np.abs(counts - expected).max() < 0.015, (counts, expected)


def test_bad_sampling_parameters_are_refused() -> None:
    for bad in (dict(temperature=-1), dict(top_p=0.0), dict(top_k=-2), dict(max_tokens=-1), dict(stop=[""])):
        with pytest.raises(BadInputError):
            SamplingParams(**bad).validate()


def test_multibyte_characters_split_across_tokens_stream_whole(tiny_tokenizer) -> None:
    text = "héllo 日本語 🐍!"
    ids = tiny_tokenizer.encode(text)
    assert len(ids) > len(text)  # byte-level: multi-byte characters span several tokens
    state = DecodeState(tiny_tokenizer, SamplingParams(max_tokens=100))
    pieces = feed(state, ids)
    assert "".join(pieces) == text
    assert all("\ufffd" not in piece for piece in pieces)
    assert "" in pieces  # bytes of an unfinished character were held back


def test_stop_string_ends_generation_and_is_not_emitted(tiny_tokenizer) -> None:
    ids = tiny_tokenizer.encode("result = 42\nSTOP here")
    state = DecodeState(tiny_tokenizer, SamplingParams(max_tokens=100, stop=["\nSTOP"]))
    pieces = feed(state, ids)
    assert "".join(pieces) == "result = 42"
    assert state.finish_reason == "stop"
    assert not any("ST" in piece for piece in pieces)


def test_stop_token_and_max_tokens(tiny_tokenizer) -> None:
    end = tiny_tokenizer.token_id("<|im_end|>")
    assert end in tiny_tokenizer.stop_token_ids()
    state = DecodeState(tiny_tokenizer, SamplingParams(max_tokens=100))
    assert "".join(feed(state, tiny_tokenizer.encode("ok") + [end] + tiny_tokenizer.encode("never"))) == "ok"
    assert state.finish_reason == "stop" and state.token_ids == tiny_tokenizer.encode("ok")
    limited = DecodeState(tiny_tokenizer, SamplingParams(max_tokens=3))
    assert "".join(feed(limited, tiny_tokenizer.encode("abcdef"))) == "abc"
    assert limited.finish_reason == "length"


def test_stream_matches_generate(tiny_engine: Engine) -> None:
    prompts = [tiny_engine.tokenizer.encode(text) for text in ("the cat", "on the", "in")]
    params = SamplingParams(max_tokens=12, stop_token_ids=[])
    single = [generate(tiny_engine, ids, params, slot=0) for ids in prompts]
    assert all(result.completion_tokens == 12 and result.finish_reason == "length" for result in single)
    streamed = "".join(piece.text for piece in stream(tiny_engine, prompts[0], params))
    assert streamed == single[0].text


def test_context_overflow_is_refused(tiny_engine: Engine) -> None:
    with pytest.raises(BadInputError, match="context"):
        list(stream(tiny_engine, [1] * 100, SamplingParams(max_tokens=100)))


def test_chatml_rendering() -> None:
    template = "...{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}..."
    assert default_system_prompt(template) == "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    text = format_chat([Message("user", "hi")], template)
    assert text == (
        "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    )
    custom = format_chat([Message("system", "Be terse."), Message("user", "hi")], template)
    assert custom.startswith("<|im_start|>system\nBe terse.<|im_end|>\n") and "Qwen" not in custom
