"""Our tokenizer (built from GGUF metadata with `tokenizers`) gives exactly transformers' ids on real
source files and tricky text (unicode, whitespace runs, long numbers, special tokens)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.model
def test_ids_identical_to_transformers(model_path: Path, fixtures_dir: Path) -> None:
    from interns.local_model.source import open_model_source

    tokenizer = open_model_source(model_path).tokenizer
    cases = json.loads((fixtures_dir / "tokenizer_corpus.json").read_text(encoding="utf-8"))["cases"]
    assert sum(len(case["ids"]) for case in cases) > 10_000
    for case in cases:
        ids = tokenizer.encode(case["text"])
        assert ids == case["ids"], f"{case['name']}: first difference at {next(i for i, (a, b) in enumerate(zip(ids + [-1], case['ids'] + [-2])) if a != b)}"
        assert tokenizer.decode(ids) == case["text"]
    assert tokenizer.encode_batch([case["text"] for case in cases]) == [case["ids"] for case in cases]


@pytest.mark.model
def test_special_tokens_and_stops(model_path: Path) -> None:
    from interns.local_model.source import open_model_source

    tokenizer = open_model_source(model_path).tokenizer
    assert tokenizer.encode("<|im_start|>user") == [tokenizer.token_id("<|im_start|>"), tokenizer.token_id("user")]
    assert {tokenizer.token_id("<|im_end|>"), tokenizer.token_id("<|endoftext|>")} <= tokenizer.stop_token_ids()
    assert tokenizer.token_bytes(tokenizer.encode(" é")[0]) == " é".encode()


def test_tiny_vocab_roundtrip(fixtures_dir: Path, tmp_path: Path) -> None:
    from interns.local_model.source import open_model_source

    tokenizer = open_model_source(fixtures_dir / "tiny_llama.gguf", tmp_path).tokenizer
    ids = tokenizer.encode("the theme in there")
    assert tokenizer.token_id("Ġthe") in ids
    assert tokenizer.decode(ids) == "the theme in there"
