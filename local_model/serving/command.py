"""`interns serve`: serve one or more models over the OpenAI API on uvicorn.

`--model` (repeatable, or `--models a,b`) names what the server serves: the first is loaded at start
and is the default, the others are loaded on their first request (model_pool.py), or before ready with
`--preload`, each with its own engine and scheduler, all with the same options. `--memory-limit-mb`
bounds what they may hold together.

Mount with `app.command("serve")(serve)`; also runnable as `python -m interns.local_model.serving`.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import List, Optional

import typer

from interns.errors import InfrastructureError
from interns.local_model.registry import DEFAULT_MODEL, MODELS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BATCH = 8
DEFAULT_QUEUE_SIZE = 64
DEFAULT_CONTEXT = 8192
DEFAULT_PREFIX_CACHE_MB = 512
READY_LINE = "interns serve: ready"  # printed (with the URL) once the port answers; the provider waits for /health


def model_arguments(model: list[str] | None, models: str | None) -> list[str]:
    """The `--model` values, then the `--models` list; the default model when neither is given."""
    named = [*(model or []), *(part.strip() for part in (models or "").split(",") if part.strip())]
    return named or [DEFAULT_MODEL]


def bind_socket(host: str, port: int) -> socket.socket:
    """Hold the port before the (slow) engine load, so a taken port fails at once and clearly."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise InfrastructureError(f"interns serve: cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _exit_with_parent(parent_pid: int, server) -> None:
    """Stop the server when the process that started it is gone (even if it was SIGKILLed)."""

    def watch() -> None:
        while not server.should_exit:
            try:
                os.kill(parent_pid, 0)
                alive = os.getppid() == parent_pid
            except OSError:
                alive = False
            if not alive:
                server.should_exit = True
                return
            time.sleep(1.0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve(
    model: Optional[List[str]] = typer.Option(None, "--model", help=f"registered model ({', '.join(MODELS)}), local/<name>, or a GGUF path; repeat to serve several (the first is loaded at start and is the default, the others on first use; default {DEFAULT_MODEL})"),
    models: Optional[str] = typer.Option(None, "--models", help="several models at once, comma-separated (after any --model)"),
    memory_limit_mb: Optional[int] = typer.Option(None, "--memory-limit-mb", min=1, help="memory the served models may hold together (default: what the machine has free)"),
    host: str = typer.Option(DEFAULT_HOST, "--host", help="address to listen on"),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="port (0 = any free port)"),
    max_batch: int = typer.Option(DEFAULT_MAX_BATCH, "--max-batch", min=1, max=256, help="sequences generated together (KV slots)"),
    queue_size: int = typer.Option(DEFAULT_QUEUE_SIZE, "--queue-size", min=0, help="requests that may wait for a slot; more get 429"),
    threads: Optional[int] = typer.Option(None, "--threads", min=1, help="kernel threads (default: the kernels' own choice)"),
    context: int = typer.Option(DEFAULT_CONTEXT, "--context-length", min=64, help="tokens per sequence, prompt + answer (run and eval's --context is the context mode)"),
    prefix_cache_mb: int = typer.Option(DEFAULT_PREFIX_CACHE_MB, "--prefix-cache-mb", min=0, help="memory for cached prompt prefixes (0 = off)"),
    prefill_chunk: int = typer.Option(128, "--prefill-chunk", min=1, help="prompt tokens of one sequence per step"),
    quant: str = typer.Option("int4", "--quant", help="weight format: int4, int8, fp32"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="model cache directory"),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level"),
    parent_pid: Optional[int] = typer.Option(None, "--parent-pid", hidden=True, help="exit when this process ends"),
    api_key: Optional[str] = typer.Option(None, "--api-key", envvar="INTERNS_SERVE_API_KEY", show_envvar=True, help="require this key (Authorization: Bearer) on every route but /health"),
    warm_start: bool = typer.Option(True, "--warm-up/--no-warm-up", help="run one full-width burst before saying ready (the first real burst then runs warm)"),
    preload: bool = typer.Option(False, "--preload", help="load (and warm up) every model before saying ready, as memory allows, instead of on first use"),
) -> None:
    """Serve bundled models over the OpenAI API (continuous batching, prefix cache; several models: one
    loaded at start, the others on first use, as memory allows)."""
    import uvicorn

    from interns.local_model.serving.api_key import require_api_key
    from interns.local_model.serving.app import create_app
    from interns.local_model.serving.memory import MB, MemoryBudget
    from interns.local_model.serving.model_loader import EngineSettings, served_models
    from interns.local_model.serving.model_pool import ModelPool
    from interns.local_model.serving.warm_up import warm_up

    served = served_models(model_arguments(model, models))
    settings = EngineSettings(quant=quant, max_batch=max_batch, context=context, threads=threads, cache_dir=cache_dir,
                              queue_size=queue_size, prefix_cache_bytes=prefix_cache_mb * MB, prefill_chunk=prefill_chunk)
    pool = ModelPool(served, settings, MemoryBudget(memory_limit_mb * MB if memory_limit_mb else None))
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", stream=sys.stderr)
    started = time.perf_counter()
    scheduler = pool.load_default()
    engine = scheduler.engine

    async def load_the_others() -> str:
        """The later models: each loaded (and warmed up) now with --preload, else a note they load on first use."""
        if not preload:
            return f", {', '.join(other.name for other in served[1:])} on first use" if len(served) > 1 else ""
        said = ""
        for entry in pool.entries[1:]:
            if await pool.preload(entry):
                warmed = f", warmed up in {await warm_up(entry.scheduler):.1f} s" if warm_start else ""
                said += f"; {entry.name} loaded{warmed}"
            else:
                said += f"; {entry.name} on first use (no room now)"
        return said

    @asynccontextmanager
    async def lifespan(_app):
        warm = f", warmed up in {await warm_up(scheduler):.1f} s" if warm_start else ""  # before ready: /health waits
        later = await load_the_others()
        url = f"http://{host}:{bound_port}"
        print(f"{READY_LINE} on {url} (model {served[0].name}, {engine.quant}, {max_batch} slots x {engine.max_seq_len} tokens, "
              f"loaded in {time.perf_counter() - started:.1f} s{warm}{later})", file=sys.stderr, flush=True)
        try:
            yield
        finally:
            pool.stop()

    app = create_app(pool)
    if api_key:
        require_api_key(app, api_key)
    app.router.lifespan_context = lifespan
    config = uvicorn.Config(app, log_level=log_level, access_log=False, timeout_graceful_shutdown=5, lifespan="on")
    server = uvicorn.Server(config)
    if parent_pid:
        _exit_with_parent(parent_pid, server)
    server.run(sockets=[sock])


def main() -> None:
    """`python -m interns.local_model.serving` (the same options as `interns serve`)."""
    from interns.errors import InternsError

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(serve)
    try:
        app(prog_name="interns serve", standalone_mode=True)
    except InternsError as error:
        print(f"interns serve: {error}", file=sys.stderr)
        sys.exit(int(error.exit_code))
