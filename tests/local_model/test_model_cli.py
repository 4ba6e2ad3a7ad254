"""`interns model ...` through the real command line (tiny model files; the real model where marked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_info_prints_architecture_and_tensor_types(interns, fixtures_dir: Path, tmp_path: Path) -> None:
    result = interns("model", "info", "--model", str(fixtures_dir / "tiny_llama.gguf"), "--cache-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for expected in ("llama", "Q8_0", "F16", "tied embeddings", "True", str(tmp_path)):
        assert expected in result.stdout


def test_generate_raw_streams_text_and_reports_speed(interns, fixtures_dir: Path, tmp_path: Path) -> None:
    result = interns(
        "model", "generate", "the cat", "--raw", "--model", str(fixtures_dir / "tiny_qwen2.gguf"),
        "--quant", "fp32", "--max-tokens", "8", "--cache-dir", str(tmp_path), cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "tok/s" in result.stderr and "8 generated" in result.stderr


def test_bench_json_has_rates_and_baselines(interns, fixtures_dir: Path, tmp_path: Path) -> None:
    result = interns(
        "model", "bench", "--json", "--model", str(fixtures_dir / "tiny_qwen2.gguf"), "--quant", "int4",
        "--prompt-tokens", "40", "--decode-tokens", "4", "--no-kernels", "--no-llama-cpp", "--cache-dir", str(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["prefill_tok_s"] > 0 and report["decode_tok_s"] > 0
    assert report["numpy_fp32"]["decode_tok_s"] > 0 and report["rss_mb"] > 0


def test_bad_inputs_exit_2_with_a_message(interns, tmp_path: Path) -> None:
    unknown = interns("model", "install", "--model", "gpt-17", "--cache-dir", str(tmp_path), cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown model 'gpt-17'" in unknown.stderr
    foreign = tmp_path / "x.gguf"
    foreign.write_text("hello")
    bad_file = interns("model", "info", "--model", str(foreign), "--cache-dir", str(tmp_path), cwd=tmp_path)
    assert bad_file.returncode == 2 and "not a GGUF file" in bad_file.stderr


@pytest.mark.model
def test_install_reports_present(interns, model_path: Path, tmp_path: Path) -> None:
    result = interns("model", "install", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "already installed" in result.stdout and str(model_path) in result.stdout
