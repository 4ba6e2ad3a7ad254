"""`interns serve`: load the engine once and serve it over the OpenAI API on uvicorn.

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
from typing import Optional

import typer

from interns.errors import BadInputError, InfrastructureError
from interns.local_model.registry import DEFAULT_MODEL, MODELS, bundled_name

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BATCH = 8
DEFAULT_QUEUE_SIZE = 64
DEFAULT_CONTEXT = 8192
DEFAULT_PREFIX_CACHE_MB = 512
READY_LINE = "interns serve: ready"  # printed (with the URL) once the port answers; the provider waits for /health


def served_name(model: str) -> tuple[str, str | Path]:
    """(name the API uses, what Engine.load takes) for `local/<name>`, a registered name or a GGUF path."""
    name = bundled_name(model) or model
    if name in MODELS:
        return name, name
    path = Path(model).expanduser()
    if path.is_file():
        return path.stem, path
    raise BadInputError(f"--model {model!r}: not a registered model ({', '.join(sorted(MODELS))}) nor a GGUF file")


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
    model: str = typer.Option(DEFAULT_MODEL, "--model", help=f"registered model ({', '.join(MODELS)}), local/<name>, or a GGUF path"),
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
) -> None:
    """Serve the bundled model over the OpenAI API (continuous batching, prefix cache)."""
    import uvicorn

    from interns.local_model.engine import Engine
    from interns.local_model.serving.app import ServedModel, create_app
    from interns.local_model.serving.scheduler import Scheduler
    from interns.local_model.serving.api_key import require_api_key
    from interns.local_model.serving.warm_up import warm_up

    name, load_target = served_name(model)
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", stream=sys.stderr)
    started = time.perf_counter()
    engine = Engine.load(load_target, quant=quant, n_slots=max_batch, max_seq_len=context, threads=threads, cache_dir=cache_dir)
    scheduler = Scheduler(engine, queue_size=queue_size, prefix_cache_bytes=prefix_cache_mb << 20, prefill_chunk=prefill_chunk)
    served = ServedModel(name, {f"local/{name}"})

    @asynccontextmanager
    async def lifespan(_app):
        scheduler.start()
        warm = f", warmed up in {await warm_up(scheduler):.1f} s" if warm_start else ""  # before ready: /health waits
        url = f"http://{host}:{bound_port}"
        print(f"{READY_LINE} on {url} (model {name}, {engine.quant}, {max_batch} slots x {engine.max_seq_len} tokens, "
              f"loaded in {time.perf_counter() - started:.1f} s{warm})", file=sys.stderr, flush=True)
        try:
            yield
        finally:
            scheduler.stop()

    app = create_app(scheduler, served)
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
