"""The ASGI app: OpenAI-compatible endpoints over the continuous-batching scheduler.

    /v1/chat/completions   chat (ChatML template of the model), streaming (SSE chunks) or not
    /v1/completions        raw prompt (text or token ids), streaming or not
    /v1/models             every model served, loaded or not (/v1/models/{id}: one of them, 404 for another id)
    /health                200 while every loaded model's engine thread runs: each model, loaded or not, with
                           its slot/queue figures, and the memory free for another
    /metrics               Prometheus text per model (label model="..."): tokens/s, queue depth, active
                           sequences, prefix-cache hit rate, whether it is loaded

Every request is routed by its `model` (a name or alias) through the model pool, which loads a model on
its first request and answers 404 for a model it does not serve, 503 for one it cannot load now.

Every error is answered in the OpenAI shape {"error": {"message", "type", "param", "code"}}; a request
never takes the server down with it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from interns.errors import BadInputError
from interns.local_model.chat import format_chat
from interns.local_model.engine import Engine
from interns.local_model.serving.chat_answer import AnswerFilter, schema_hint, shape_answer, with_system_hint
from interns.local_model.sampling import SamplingParams
from interns.local_model.serving.api_errors import APIError, bad_request, context_length_exceeded, server_error
from interns.local_model.serving.memory import MB
from interns.local_model.serving.metrics import ServerMetrics, render
from interns.local_model.serving.model_pool import ModelPool, PoolEntry
from interns.local_model.serving.protocol import ChatCompletionRequest, CompletionRequest, parse_body
from interns.local_model.serving.scheduler import GenerationHandle, Scheduler
from interns.local_model.serving.tool_calls import AnswerPiece
from interns.local_model.tokenizer import ModelTokenizer

Body = TypeVar("Body", ChatCompletionRequest, CompletionRequest)  # the request bodies served
log = logging.getLogger("interns.serve")

DEFAULT_TEMPERATURE = 1.0  # OpenAI's default when a request names none


class EventStreamResponse(StreamingResponse):
    """Server-sent events that stop the generation the moment the client goes away.

    Always listens for `http.disconnect` (Starlette only does so for older ASGI servers) and always
    closes the event generator, whose `finally` cancels the sequence and frees its KV slot.
    """

    def __init__(self, content: AsyncIterator[str]) -> None:
        super().__init__(content, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as group:

                async def stream() -> None:
                    try:
                        await self.stream_response(send)
                    except OSError:  # the connection broke mid-send
                        pass
                    group.cancel_scope.cancel()

                group.start_soon(stream)
                await self.listen_for_disconnect(receive)
                group.cancel_scope.cancel()
        finally:
            await self.body_iterator.aclose()  # type: ignore[union-attr]


def _sse(payload: dict[str, Any] | str) -> str:
    data = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"data: {data}\n\n"


def _error_response(error: APIError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def _client_gone(request: Request) -> None:
    """Returns when the client disconnects (the body has been read: receive() waits for that)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def _answer_or_disconnect(request: Request, handle: GenerationHandle) -> str | None:
    """The whole answer, or None when the client left first (its sequence is then cancelled)."""
    answer = asyncio.ensure_future(handle.collect())
    gone = asyncio.ensure_future(_client_gone(request))
    try:
        done, _ = await asyncio.wait({answer, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
    if answer in done:
        return answer.result()
    answer.cancel()
    handle.cancel()
    return None


def _answer_message(pieces: list[AnswerPiece], answer: AnswerFilter) -> dict[str, Any]:
    """The assistant message of a whole answer: content (None when only tool calls), tool_calls."""
    content = "".join(piece.content for piece in pieces)
    if not answer.calls:
        return {"role": "assistant", "content": content}
    return {"role": "assistant", "content": content.strip() or None, "tool_calls": [call.to_openai() for call in answer.calls]}


def _finish_reason(handle: GenerationHandle, answer: AnswerFilter) -> str | None:
    return "tool_calls" if answer.calls else handle.finish_reason


def _usage(handle: GenerationHandle) -> dict[str, Any]:
    return {
        "prompt_tokens": handle.prompt_tokens,
        "completion_tokens": handle.completion_tokens,
        "total_tokens": handle.prompt_tokens + handle.completion_tokens,
        "prompt_tokens_details": {"cached_tokens": handle.cached_tokens},
    }


def _metrics_of(request: Request, pool: ModelPool) -> ServerMetrics:
    """Where a request is counted: its model's metrics, or the default model's when it named none served."""
    entry = getattr(request.state, "model", None)
    return entry.metrics if entry is not None else pool.default.metrics


def create_app(pool: ModelPool) -> FastAPI:
    """The FastAPI app serving every model of `pool`, each request routed by its `model`."""
    started = time.time()
    app = FastAPI(title="interns serve", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(APIError)
    async def api_error(_: Request, error: APIError) -> JSONResponse:
        return _error_response(error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code)
        return _error_response(APIError(error.status_code, str(error.detail), "invalid_request_error", None, code))

    def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """Map every failure of a handler to an OpenAI-shaped answer; nothing escapes to the server."""

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except APIError as error:
                outcome = {400: "bad_request", 429: "rejected_queue_full", 503: "unavailable"}.get(error.status)
                if outcome:
                    _metrics_of(request, pool).count_request(outcome)
                return _error_response(error)
            except BadInputError as error:
                _metrics_of(request, pool).count_request("bad_request")
                return _error_response(bad_request(str(error)))
            except Exception as error:  # noqa: BLE001
                log.error("request failed:\n%s", traceback.format_exc())
                _metrics_of(request, pool).count_request("error")
                return _error_response(server_error(f"internal error: {type(error).__name__}: {error}"))

        run.__name__ = handler.__name__
        return run

    def sampling_params(engine: Engine, body: ChatCompletionRequest | CompletionRequest, prompt_tokens: int, limit: int | None) -> SamplingParams:
        capacity = engine.max_seq_len
        if prompt_tokens == 0:
            raise bad_request("the prompt is empty", "prompt")
        max_tokens = limit if limit is not None else max(capacity - prompt_tokens, 0)
        if prompt_tokens + max_tokens > capacity or max_tokens < 1:
            raise context_length_exceeded(capacity, prompt_tokens, max(max_tokens, 1))
        params = SamplingParams(
            max_tokens=max_tokens,
            temperature=DEFAULT_TEMPERATURE if body.temperature is None else body.temperature,
            top_k=body.top_k or 0,
            top_p=1.0 if body.top_p is None else body.top_p,
            seed=body.seed,
            stop=body.stop_strings(),
            logit_bias=body.token_biases(engine.tokenizer.vocab_size),
        )
        try:
            params.validate()
        except BadInputError as error:
            raise bad_request(str(error)) from None
        return params

    async def read_body(request: Request, kind: type[Body]) -> tuple[Body, str, Scheduler]:
        """The request's body, validated, with options this server supports, and the name and scheduler
        of the loaded model it names: submit to it before awaiting anything else (model_pool.py)."""
        body = parse_body(await request.body(), kind)
        body.check_supported()
        request.state.model = pool.resolve(body.model)  # counted in its metrics from here on, a 503 too
        entry = await pool.acquire(body.model)
        assert entry.scheduler is not None  # acquire loaded it
        return body, entry.name, entry.scheduler

    def envelope(model: str, answer_id: str, kind: str, created: int, **fields: Any) -> dict[str, Any]:
        """What every answer and streamed chunk starts with (`kind` is the API's "object")."""
        return {"id": answer_id, "object": kind, "created": created, "model": model, **fields}

    def submit(scheduler: Scheduler, prompt_ids: list[int], params: SamplingParams) -> GenerationHandle:
        handle = GenerationHandle(prompt_ids, params, asyncio.get_running_loop())
        scheduler.submit(handle)
        return handle

    def prompt_ids_of(tokenizer: ModelTokenizer, prompt: str | list[int]) -> list[int]:
        if isinstance(prompt, str):
            return tokenizer.encode(prompt)
        bad = [token for token in prompt if not 0 <= token < tokenizer.vocab_size]
        if bad:
            raise bad_request(f"prompt token id {bad[0]} is outside the vocabulary (0..{tokenizer.vocab_size - 1})", "prompt")
        return list(prompt)

    @app.post("/v1/chat/completions")
    @guarded
    async def chat_completions(request: Request) -> Response:
        body, model, scheduler = await read_body(request, ChatCompletionRequest)
        engine, tokenizer = scheduler.engine, scheduler.engine.tokenizer
        messages = [message.to_message(index) for index, message in enumerate(body.messages)]
        messages = with_system_hint(messages, schema_hint(body), tokenizer.chat_template)
        shape = shape_answer(body)
        prefilled = bool(shape.prefill)
        text = format_chat(
            shape.messages_with_prefill(messages),
            tokenizer.chat_template,
            body.add_generation_prompt and not prefilled,
            body.continue_final_message or prefilled,
            shape.tools,
        )
        prompt_ids = tokenizer.encode(text)
        params = sampling_params(engine, body, len(prompt_ids), body.completion_limit())
        params.stop = [*params.stop, *shape.stop]
        handle = submit(scheduler, prompt_ids, params)
        answer_id = f"chatcmpl-{handle.id}"
        created = int(time.time())
        answer = shape.new_filter()
        if body.stream:
            return EventStreamResponse(chat_events(handle, model, answer_id, created, body.include_usage, answer, shape.prefill))
        text = await _answer_or_disconnect(request, handle)
        if text is None:
            return Response(status_code=499)
        pieces = answer.feed(shape.prefill + text) + answer.finish()
        return JSONResponse(
            envelope(
                model,
                answer_id,
                "chat.completion",
                created,
                choices=[{"index": 0, "message": _answer_message(pieces, answer), "logprobs": None, "finish_reason": _finish_reason(handle, answer)}],
                usage=_usage(handle),
            )
        )

    async def chat_events(
        handle: GenerationHandle, model: str, answer_id: str, created: int, include_usage: bool, answer: AnswerFilter, prefill: str
    ) -> AsyncIterator[str]:
        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
            choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
            return _sse(envelope(model, answer_id, "chat.completion.chunk", created, choices=[choice]))

        def deltas(pieces: list[AnswerPiece]) -> list[str]:
            return [
                chunk({"tool_calls": [piece.tool_call.to_openai(answer.calls.index(piece.tool_call))]} if piece.tool_call else {"content": piece.content})
                for piece in pieces
            ]

        try:
            yield chunk({"role": "assistant", "content": ""})
            for text in deltas(answer.feed(prefill)):
                yield text
            while True:
                event = await handle.events.get()
                if event.error is not None:
                    yield _sse(event.error.body())
                    break
                if event.text:
                    for text in deltas(answer.feed(event.text)):
                        yield text
                if event.finish_reason is not None:
                    for text in deltas(answer.finish()):
                        yield text
                    yield chunk({}, _finish_reason(handle, answer))
                    if include_usage:
                        yield _sse(envelope(model, answer_id, "chat.completion.chunk", created, choices=[], usage=_usage(handle)))
                    break
            yield _sse("[DONE]")
        finally:
            handle.cancel()  # no-op when finished; frees the slot when the client left mid-stream

    @app.post("/v1/completions")
    @guarded
    async def completions(request: Request) -> Response:
        body, model, scheduler = await read_body(request, CompletionRequest)
        prompt_ids = prompt_ids_of(scheduler.engine.tokenizer, body.single_prompt())
        params = sampling_params(scheduler.engine, body, len(prompt_ids), body.completion_limit())
        handle = submit(scheduler, prompt_ids, params)
        answer_id = f"cmpl-{handle.id}"
        created = int(time.time())
        if body.stream:
            return EventStreamResponse(completion_events(handle, model, answer_id, created, body.include_usage))
        text = await _answer_or_disconnect(request, handle)
        if text is None:
            return Response(status_code=499)
        choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": handle.finish_reason}
        return JSONResponse(envelope(model, answer_id, "text_completion", created, choices=[choice], usage=_usage(handle)))

    async def completion_events(handle: GenerationHandle, model: str, answer_id: str, created: int, include_usage: bool) -> AsyncIterator[str]:
        def chunk(text: str, finish_reason: str | None = None) -> str:
            choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": finish_reason}
            return _sse(envelope(model, answer_id, "text_completion", created, choices=[choice]))

        try:
            while True:
                event = await handle.events.get()
                if event.error is not None:
                    yield _sse(event.error.body())
                    break
                if event.text or event.finish_reason is not None:
                    yield chunk(event.text, event.finish_reason)
                if event.finish_reason is not None:
                    if include_usage:
                        yield _sse(envelope(model, answer_id, "text_completion", created, choices=[], usage=_usage(handle)))
                    break
            yield _sse("[DONE]")
        finally:
            handle.cancel()

    def model_card(entry: PoolEntry) -> dict[str, Any]:
        context = entry.scheduler.engine.max_seq_len if entry.scheduler else entry.need.context if entry.need else None
        return {"id": entry.name, "object": "model", "created": entry.model.created, "owned_by": "interns",
                "context_length": context, "loaded": entry.scheduler is not None}

    def model_health(entry: PoolEntry) -> dict[str, Any]:
        scheduler = entry.scheduler
        figures = {"quant": scheduler.engine.quant, "slots": scheduler.max_batch, "active": scheduler.active_sequences,
                   "queued": scheduler.queue_depth, "context_length": scheduler.engine.max_seq_len} if scheduler else {}
        return {"name": entry.name, "aliases": sorted(entry.model.aliases), "loaded": scheduler is not None,
                "loading": entry.loading is not None, "memory_mb": round(entry.need.total / MB, 1) if entry.need else None, **figures}

    @app.get("/v1/models")
    async def models() -> JSONResponse:
        return JSONResponse({"object": "list", "data": [model_card(entry) for entry in pool.entries]})

    @app.get("/v1/models/{model_id:path}")
    async def model(model_id: str) -> JSONResponse:
        try:
            entry = pool.resolve(model_id)  # an alias (local/<name>) names it too
        except APIError as error:
            return _error_response(error)
        return JSONResponse(model_card(entry))

    @app.get("/health")
    async def health() -> JSONResponse:
        loaded = pool.loaded()
        alive = all(entry.scheduler.alive for entry in loaded)  # type: ignore[union-attr]
        models = [model_health(entry) for entry in pool.entries]
        # the top level keeps a one-model server's fields (older supervisors read them): the default
        # model's name and aliases, the first loaded model's figures, requests over all models
        first = next((figures for figures in models if figures["loaded"]), {})
        free = pool.budget.free(sum(entry.holds for entry in pool.entries))
        return JSONResponse(
            {
                "status": "ok" if alive else "engine stopped",
                "model": pool.default.name,
                "aliases": sorted(pool.default.model.aliases),
                "quant": first.get("quant"),
                "slots": first.get("slots"),
                "active": sum(figures.get("active", 0) for figures in models),
                "queued": sum(figures.get("queued", 0) for figures in models),
                "context_length": first.get("context_length"),
                "models": models,
                "memory": {"free_mb": round(free.size / MB, 1), "bounded_by": free.source},
            },
            status_code=200 if alive else 503,
        )

    @app.get("/metrics")
    async def metrics() -> PlainTextResponse:
        by_model = {}
        for entry in pool.entries:
            scheduler = entry.scheduler
            by_model[entry.name] = entry.metrics.families(scheduler.gauges() if scheduler else None, scheduler.prefix_cache.stats() if scheduler else None)
        return PlainTextResponse(render(by_model, started), media_type="text/plain; version=0.0.4; charset=utf-8")

    return app
