"""Reading GGUF files: hyper-parameters, tensors, the cached header index, and clear errors for files
that are foreign, truncated or of an unsupported architecture."""

from __future__ import annotations

import shutil
from pathlib import Path

import gguf
import numpy as np
import pytest

from interns.errors import BadInputError
from interns.local_model.errors import BadModelFileError, UnsupportedModelError
from interns.local_model.gguf_file import GGUFFile
from interns.local_model.source import index_path, open_model_source


def test_config_and_tensors_of_tiny_qwen2(fixtures_dir: Path, tmp_path: Path) -> None:
    source = open_model_source(fixtures_dir / "tiny_qwen2.gguf", tmp_path)
    config = source.config
    assert (config.architecture, config.n_layers, config.d_model, config.d_ff) == ("qwen2", 2, 64, 128)
    assert (config.n_heads, config.n_kv_heads, config.head_dim) == (4, 2, 16)
    assert config.rope_theta == 1_000_000.0
    assert source.entry("token_embd.weight").quant_type == "Q8_0"
    embedding = source.dequantize("token_embd.weight")
    assert embedding.shape == (config.vocab_size, 64) and embedding.dtype == np.float32
    np.testing.assert_array_equal(source.dequantize("token_embd.weight", rows=[3, 7]), embedding[[3, 7]])
    # the reader and our index agree on every tensor
    reader = GGUFFile(fixtures_dir / "tiny_qwen2.gguf")
    for name in reader.tensor_names():
        np.testing.assert_array_equal(source.dequantize(name), reader.dequantize(name).reshape(source.entry(name).shape))


def test_second_open_uses_the_cached_index(fixtures_dir: Path, tmp_path: Path) -> None:
    model = tmp_path / "model.gguf"
    shutil.copy(fixtures_dir / "tiny_llama.gguf", model)
    first = open_model_source(model, tmp_path / "cache")
    assert index_path(first.key, tmp_path / "cache").exists()
    second = open_model_source(model, tmp_path / "cache")
    assert second.config == first.config and second.tokenizer_spec == first.tokenizer_spec


def test_foreign_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    foreign = tmp_path / "model.gguf"
    foreign.write_bytes(b"PK\x03\x04 this is a zip file, not a model" * 10)
    with pytest.raises(BadModelFileError, match="not a GGUF file.*interns model install"):
        open_model_source(foreign, tmp_path)


def test_truncated_file_is_refused_with_the_fix(fixtures_dir: Path, tmp_path: Path) -> None:
    data = (fixtures_dir / "tiny_qwen2.gguf").read_bytes()
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(data[: len(data) - 5000])
    with pytest.raises(BadModelFileError, match="truncated"):
        open_model_source(truncated, tmp_path)
    header_only = tmp_path / "header_only.gguf"
    header_only.write_bytes(data[:3000])
    with pytest.raises(BadModelFileError, match="truncated|corrupt"):
        open_model_source(header_only, tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadModelFileError, match="no such model file"):
        open_model_source(tmp_path / "absent.gguf", tmp_path)


def test_unsupported_architecture_is_named(tmp_path: Path) -> None:
    path = tmp_path / "falcon.gguf"
    writer = gguf.GGUFWriter(path, "falcon")
    writer.add_block_count(1)
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(UnsupportedModelError, match="architecture 'falcon' is not supported.*qwen2, llama"):
        open_model_source(path, tmp_path)
    assert issubclass(UnsupportedModelError, BadInputError)  # exit code 2
