"""The real model in our fp32 path against transformers (fixtures from bench/reference/make_model_fixtures.py):
logits at every position within a tight tolerance, and the same 32-token greedy continuations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from interns.local_model.chat import Message, format_chat
from interns.local_model.generate import generate
from interns.local_model.sampling import SamplingParams

pytestmark = pytest.mark.model

# transformers and we both run fp32 on the same dequantised weights; only summation order differs
LOGIT_TOLERANCE = 2e-3


def prompts(fixtures_dir: Path) -> list[tuple[dict, dict[str, np.ndarray]]]:
    readable = json.loads((fixtures_dir / "qwen_reference.json").read_text(encoding="utf-8"))["prompts"]
    arrays = np.load(fixtures_dir / "qwen_reference.npz")
    return [
        (prompt, {key.split("_", 1)[1]: arrays[key] for key in arrays.files if key.startswith(f"p{number}_")})
        for number, prompt in enumerate(readable)
    ]


def test_prompts_render_and_tokenize_like_transformers(fp32_engine, fixtures_dir: Path) -> None:
    for prompt, arrays in prompts(fixtures_dir):
        text = prompt["prompt"]
        if prompt["kind"] == "chat":
            text = format_chat([Message("user", text)], fp32_engine.tokenizer.chat_template)
        assert text == prompt["rendered"]
        assert fp32_engine.tokenizer.encode(text) == arrays["ids"][: int(arrays["prompt_len"])].tolist()


def test_fp32_logits_match_transformers(fp32_engine, fixtures_dir: Path) -> None:
    for prompt, arrays in prompts(fixtures_dir):
        ids = arrays["ids"]
        logits = fp32_engine.prefill(0, ids, all_logits=True)
        ours = np.take_along_axis(logits, arrays["topk_ids"].astype(np.int64), axis=-1)
        error = np.abs(ours - arrays["topk_logits"]).max()
        assert error < LOGIT_TOLERANCE, f"{prompt['prompt'][:40]!r}: max |Δlogit| {error:.2e}"
        assert (logits.argmax(-1) == arrays["topk_ids"][:, 0]).all()


def test_fp32_greedy_continuations_match_transformers(fp32_engine, fixtures_dir: Path) -> None:
    for prompt, arrays in prompts(fixtures_dir):
        prompt_len = int(arrays["prompt_len"])
        expected = arrays["ids"][prompt_len:].tolist()
        result = generate(fp32_engine, arrays["ids"][:prompt_len].tolist(), SamplingParams(max_tokens=len(expected), stop_token_ids=[]))
        assert result.token_ids == expected, prompt["prompt"]
