"""What `interns serve` serves (`--model` repeated or `--models a,b`, the first the default) and the
memory a model is estimated to need before it is loaded (no engine is loaded here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interns.errors import BadInputError
from interns.local_model.serving.command import model_arguments
from interns.local_model.serving.memory import MB, MemoryBudget, estimate_need
from interns.local_model.serving.model_loader import served_models

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "local_model"


def test_models_come_from_model_flags_then_the_models_list_else_the_default() -> None:
    assert model_arguments(None, None) == ["qwen2.5-coder-0.5b"]
    assert model_arguments(["a"], None) == ["a"]  # `--model X` as before
    assert model_arguments(["a", "b"], " c, d ,") == ["a", "b", "c", "d"]


def test_served_models_answer_to_their_aliases_and_none_is_served_twice() -> None:
    small, path = served_models(["local/qwen2.5-coder-0.5b", str(FIXTURES / "tiny_llama.gguf")])
    assert small.name == "qwen2.5-coder-0.5b" and small.answers_to("local/qwen2.5-coder-0.5b")
    assert path.name == "tiny_llama" and path.answers_to("local/tiny_llama") and path.answers_to(str(FIXTURES / "tiny_llama.gguf"))
    with pytest.raises(BadInputError, match="already served"):
        served_models(["qwen2.5-coder-0.5b", "local/qwen2.5-coder-0.5b"])
    with pytest.raises(BadInputError, match="nor a GGUF file"):
        served_models(["no-such-model"])


def test_a_models_need_is_its_weights_kv_cache_and_prefix_cache(tmp_path: Path) -> None:
    gguf = FIXTURES / "tiny_qwen2.gguf"
    need = estimate_need(gguf, "fp32", slots=2, context=100, prefix_cache_bytes=MB, cache_dir=tmp_path)
    assert need.weights == gguf.stat().st_size  # not converted yet: the file's size
    assert need.context == 128  # whole KV blocks, as the cache allocates them
    assert need.kv_cache == 2 * 2 * 2 * 16 * 4 * 2 * 128  # keys+values x layers x kv heads x head dim x float32 x slots x positions
    assert need.total == need.weights + need.kv_cache + MB
    assert "2 slots x 128 tokens" in need.describe()


def test_free_memory_is_the_tighter_of_the_limit_and_the_machine() -> None:
    free = MemoryBudget(limit=100 * MB).free(held=30 * MB)
    assert free.size <= 70 * MB
    assert MemoryBudget().free(held=0).size > 0
