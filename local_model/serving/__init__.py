"""Serving the bundled models over the OpenAI API: `interns serve` (one or several models per server).

Modules (one concept each):
  api_errors     errors in the OpenAI shape ({"error": {message, type, param, code}}) with their HTTP status
  protocol       the request bodies (pydantic, strict: unknown fields and wrong types are 400s)
  prefix_cache   KV blocks of prompt prefixes keyed by a hash chain of token blocks, bounded, LRU
  scheduler      the engine thread: continuous batching of every active sequence in one forward per step
  metrics        counters and gauges, rendered as Prometheus text (a `model` label per served model)
  memory         what a model needs in memory (weights, KV cache, prefix cache) and what is free for it
  model_loader   the served models (`--model` arguments) and how one becomes an engine and its scheduler
  model_pool     name -> loaded model: the first at start, the others on first use, LRU idle ones unloaded for room
  app            the ASGI app (FastAPI): /v1/chat/completions, /v1/completions, /v1/models, /health, /metrics
  command        the `serve` command function (typer) and `python -m interns.local_model.serving`
  chat_answer    a chat answer turned into the response's message: tool calls parsed, JSON mode kept valid
  tool_calls     the model's own <tool_call> format, read from whole and streamed answers
  json_mode      the longest valid JSON prefix of an answer, closed (response_format json_object)
  api_key        --api-key: every route but /health asks for the key
  warm_up        one full-width burst before the server says ready
  supervisor     a running server for a bundled model, found or started on demand (and stopped at exit);
                 a multi-model server is reused for each model it serves
"""
