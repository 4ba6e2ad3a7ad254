"""The int4 path against our fp32 path (itself checked against transformers) on real source code:
top-1 agreement >= 95% and perplexity within 5%. CI scores a slice; bench/bench_model.py --quality
scores a few thousand tokens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interns.local_model.quality import compare

pytestmark = pytest.mark.model

CI_TOKENS = 768


def code_tokens(fixtures_dir: Path) -> list[int]:
    cases = json.loads((fixtures_dir / "tokenizer_corpus.json").read_text(encoding="utf-8"))["cases"]
    return [token for case in cases if case["name"].startswith("stdlib/") for token in case["ids"]]


def test_int4_agrees_with_fp32_on_real_code(int4_engine, fp32_engine, fixtures_dir: Path) -> None:
    report = compare(int4_engine, fp32_engine, code_tokens(fixtures_dir)[:CI_TOKENS])
    assert report.top1_agreement >= 0.95, report.as_dict()
    assert abs(report.perplexity_ratio - 1.0) <= 0.05, report.as_dict()
