#!/usr/bin/env python3
"""Reference fixtures for tests/local_model, produced by an independent implementation: transformers + torch.

Run it in a separate venv (torch and transformers are never dependencies of interns):

    python3 -m venv /work/refvenv
    /work/refvenv/bin/pip install torch transformers accelerate gguf numpy
    /work/refvenv/bin/python bench/reference/make_model_fixtures.py \
        --gguf ~/.cache/interns/models/qwen2.5-coder-0.5b.gguf

It writes into tests/fixtures/local_model/ (all small, committed):
  tokenizer_corpus.json   real source files + tricky strings, and transformers' token ids for them
  qwen_reference.npz      prompts (chat and raw), transformers' fp32 top-k logits at every position,
                          and its 32-token greedy continuations
  qwen_reference.json     the same prompts in readable form, and the chat-template texts
  tiny_qwen2.gguf, tiny_llama.gguf   tiny random models (F32/F16/Q8_0 tensors, a byte-level BPE vocab)
  tiny_reference.npz      logits of transformers' Qwen2/Llama models built from the same weights

The tiny llama file stores q/k rows permuted exactly as llama.cpp's convert_hf_to_gguf.py does, so the
test checks that our loader undoes that permutation (the HF reference uses the unpermuted weights).
"""

from __future__ import annotations

import argparse
import json
import sys
import sysconfig
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "local_model"
TOP_K = 20
CONTINUATION = 32

# stdlib files used as the "real source" corpus (text stored in the fixture, so CI needs no stdlib match)
CORPUS_FILES = ("textwrap.py", "json/decoder.py", "shlex.py", "colorsys.py", "heapq.py", "fnmatch.py")
CORPUS_CHARS = 9000
TRICKY_TEXTS = {
    "unicode": "naïve café — 日本語のテキスト, emoji 🐍🚀, Ελληνικά, русский, عربى, ∑ᵢ xᵢ² ≤ ∞\n",
    "whitespace_runs": "def f():\n\n\n        return  1\t\t\t# tabs\n    \n" + " " * 37 + "x = 1\r\n\r\n" + "\t" * 9 + "end\n",
    "long_numbers": "n = 1234567890123456789012345678901234567890\npi = 3.14159265358979323846264338327950288\nhex = 0xDEADBEEFCAFEBABE; big = 10**100 - 98765432109876543210\n",
    "specials": "<|im_start|>user\nhi<|im_end|>\n<|endoftext|><tool_call>{}</tool_call>",
    "contractions": "I'm sure it's fine, they'll say we've done what you'd DON'T WON'T\n",
}

CHAT_PROMPTS = [
    "Write a Python function that returns the sum of squares of a list.",
    "Explain what a Python list comprehension is in one sentence.",
]
RAW_PROMPTS = [
    'def fibonacci(n):\n    """Return the n-th Fibonacci number."""\n',
    "# Sort a list of dictionaries by the key 'age'\npeople = [",
]


def corpus_texts() -> dict[str, str]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    texts = {}
    for name in CORPUS_FILES:
        text = (stdlib / name).read_text(encoding="utf-8")[:CORPUS_CHARS]
        texts[f"stdlib/{name}"] = unicodedata.normalize("NFC", text)
    texts.update(TRICKY_TEXTS)
    return texts


def make_tokenizer_fixture(tokenizer) -> None:
    cases = []
    for name, text in corpus_texts().items():
        ids = tokenizer.encode(text, add_special_tokens=False)
        cases.append({"name": name, "text": text, "ids": ids})
        assert tokenizer.decode(ids) == text, name
    payload = {"made_by": "transformers AutoTokenizer.from_pretrained(gguf_file=...)", "cases": cases}
    (OUT / "tokenizer_corpus.json").write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    print("tokenizer cases:", len(cases), "tokens:", sum(len(case["ids"]) for case in cases))


def top_k(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    indices = np.argsort(-logits, axis=-1)[:, :TOP_K]
    return indices.astype(np.int32), np.take_along_axis(logits, indices, axis=-1).astype(np.float32)


def make_model_fixture(gguf: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    make_tokenizer_fixture(tokenizer)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    model.eval()
    arrays: dict[str, np.ndarray] = {}
    readable = []
    prompts = [("chat", text) for text in CHAT_PROMPTS] + [("raw", text) for text in RAW_PROMPTS]
    for number, (kind, text) in enumerate(prompts):
        if kind == "chat":
            rendered = tokenizer.apply_chat_template([{"role": "user", "content": text}], tokenize=False, add_generation_prompt=True)
        else:
            rendered = text
        prompt_ids = tokenizer.encode(rendered, add_special_tokens=False)
        with torch.no_grad():
            # greedy continuation with the KV cache, no early stop; then logits of the whole sequence
            generated = model.generate(
                torch.tensor([prompt_ids]), do_sample=False, max_new_tokens=CONTINUATION,
                min_new_tokens=CONTINUATION, eos_token_id=None, pad_token_id=tokenizer.pad_token_id,
            )
            ids = generated[0].tolist()
            full = model(torch.tensor([ids])).logits[0].numpy()
        sorted_logits = np.sort(full, axis=-1)
        margins = sorted_logits[:, -1] - sorted_logits[:, -2]
        indices, values = top_k(full)
        arrays[f"p{number}_ids"] = np.array(ids, dtype=np.int32)
        arrays[f"p{number}_prompt_len"] = np.array(len(prompt_ids), dtype=np.int32)
        arrays[f"p{number}_topk_ids"] = indices
        arrays[f"p{number}_topk_logits"] = values
        readable.append(
            {
                "kind": kind,
                "prompt": text,
                "rendered": rendered,
                "prompt_tokens": len(prompt_ids),
                "continuation": tokenizer.decode(ids[len(prompt_ids):]),
                "min_greedy_margin": float(margins[len(prompt_ids) - 1 : -1].min()),
            }
        )
        print(f"prompt {number}: {len(prompt_ids)} tokens -> {readable[-1]['continuation']!r}")
    np.savez_compressed(OUT / "qwen_reference.npz", **arrays)
    (OUT / "qwen_reference.json").write_text(json.dumps({"top_k": TOP_K, "continuation": CONTINUATION, "prompts": readable}, indent=1, ensure_ascii=False))


# ---- tiny random models ---------------------------------------------------------------------------

TINY = {"d_model": 64, "d_ff": 128, "n_layers": 2, "n_heads": 4, "n_kv_heads": 2, "context": 256}


def tiny_vocab() -> tuple[list[str], list[int], list[str]]:
    from transformers.models.gpt2.tokenization_gpt2 import bytes_to_unicode  # GPT-2's byte -> character map

    tokens = [bytes_to_unicode()[byte] for byte in range(256)]
    merges = ["Ġ t", "h e", "i n", "Ġt he", "r e", "o n"]
    tokens += ["Ġt", "he", "in", "Ġthe", "re", "on"]
    types = [1] * len(tokens)
    for special in ("<|endoftext|>", "<|im_start|>", "<|im_end|>"):
        tokens.append(special)
        types.append(3)
    return tokens, types, merges


def permute_for_gguf(weight: np.ndarray, n_heads: int) -> np.ndarray:
    """convert_hf_to_gguf.py's LlamaModel.permute (HF rotate-half rows -> interleaved pairs)."""
    return weight.reshape(n_heads, 2, weight.shape[0] // n_heads // 2, *weight.shape[1:]).swapaxes(1, 2).reshape(weight.shape)


def make_tiny(arch: str, seed: int) -> dict[str, np.ndarray]:
    """Write tiny_<arch>.gguf; return the logits of the matching transformers model on a test sequence."""
    import gguf
    import torch
    from gguf import GGMLQuantizationType as Q
    from gguf.quants import dequantize, quantize

    rng = np.random.default_rng(seed)
    d, ff, layers, heads, kv_heads = TINY["d_model"], TINY["d_ff"], TINY["n_layers"], TINY["n_heads"], TINY["n_kv_heads"]
    head_dim = d // heads
    tokens, types, merges = tiny_vocab()
    vocab = len(tokens)
    qwen = arch == "qwen2"
    theta = 1_000_000.0 if qwen else 10_000.0
    eps = 1e-6 if qwen else 1e-5

    def rand(*shape, scale=0.08):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    # tensor types exercised: F32 (norms, biases), F16, Q8_0; the HF model gets the dequantised values
    plan = {"token_embd": Q.Q8_0, "attn_q": Q.F16, "attn_k": Q.Q8_0, "attn_v": Q.F32, "attn_output": Q.Q8_0,
            "ffn_gate": Q.F16, "ffn_up": Q.Q8_0, "ffn_down": Q.F16, "output": Q.Q8_0}

    def stored(weight: np.ndarray, qtype) -> tuple[np.ndarray, np.ndarray]:
        """(what goes into the file, the float32 values a reader gets back)."""
        if qtype == Q.F32:
            return weight, weight
        if qtype == Q.F16:
            half = weight.astype(np.float16)
            return half, half.astype(np.float32)
        packed = quantize(weight, qtype)
        return packed, dequantize(packed, qtype).reshape(weight.shape).astype(np.float32)

    path = OUT / f"tiny_{arch}.gguf"
    writer = gguf.GGUFWriter(path, arch)
    writer.add_name(f"tiny random {arch}")
    writer.add_block_count(layers)
    writer.add_context_length(TINY["context"])
    writer.add_embedding_length(d)
    writer.add_feed_forward_length(ff)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_freq_base(theta)
    writer.add_layer_norm_rms_eps(eps)
    if not qwen:
        writer.add_rope_dimension_count(head_dim)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2" if qwen else "llama-bpe")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(vocab - 3)
    writer.add_eos_token_id(vocab - 1)
    writer.add_chat_template("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}")

    hf: dict[str, np.ndarray] = {}

    def add(name: str, weight: np.ndarray, qtype, hf_name: str, hf_value: np.ndarray | None = None) -> np.ndarray:
        data, back = stored(weight, qtype)
        if qtype in (Q.F32, Q.F16):
            writer.add_tensor(name, data)
        else:
            writer.add_tensor(name, data, raw_shape=data.shape, raw_dtype=qtype)
        hf[hf_name] = back if hf_value is None else hf_value
        return back

    add("token_embd.weight", rand(vocab, d, scale=0.5), plan["token_embd"], "model.embed_tokens.weight")
    for layer in range(layers):
        b, h = f"blk.{layer}.", f"model.layers.{layer}."
        add(b + "attn_norm.weight", 1 + rand(d, scale=0.1), Q.F32, h + "input_layernorm.weight")
        q, k = rand(heads * head_dim, d), rand(kv_heads * head_dim, d)
        if qwen:
            add(b + "attn_q.weight", q, plan["attn_q"], h + "self_attn.q_proj.weight")
            add(b + "attn_k.weight", k, plan["attn_k"], h + "self_attn.k_proj.weight")
        else:
            # HF layout for the reference, llama.cpp's permuted layout in the file; quantisation acts on
            # the permuted rows, so un-permute the values read back for the reference
            back_q = stored(permute_for_gguf(q, heads), plan["attn_q"])[1]
            back_k = stored(permute_for_gguf(k, kv_heads), plan["attn_k"])[1]
            inverse = lambda w, n: w.reshape(n, w.shape[0] // n // 2, 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)  # noqa: E731
            add(b + "attn_q.weight", permute_for_gguf(q, heads), plan["attn_q"], h + "self_attn.q_proj.weight", inverse(back_q, heads))
            add(b + "attn_k.weight", permute_for_gguf(k, kv_heads), plan["attn_k"], h + "self_attn.k_proj.weight", inverse(back_k, kv_heads))
        add(b + "attn_v.weight", rand(kv_heads * head_dim, d), plan["attn_v"], h + "self_attn.v_proj.weight")
        if qwen:
            add(b + "attn_q.bias", rand(heads * head_dim, scale=0.1), Q.F32, h + "self_attn.q_proj.bias")
            add(b + "attn_k.bias", rand(kv_heads * head_dim, scale=0.1), Q.F32, h + "self_attn.k_proj.bias")
            add(b + "attn_v.bias", rand(kv_heads * head_dim, scale=0.1), Q.F32, h + "self_attn.v_proj.bias")
        add(b + "attn_output.weight", rand(d, heads * head_dim), plan["attn_output"], h + "self_attn.o_proj.weight")
        add(b + "ffn_norm.weight", 1 + rand(d, scale=0.1), Q.F32, h + "post_attention_layernorm.weight")
        add(b + "ffn_gate.weight", rand(ff, d), plan["ffn_gate"], h + "mlp.gate_proj.weight")
        add(b + "ffn_up.weight", rand(ff, d), plan["ffn_up"], h + "mlp.up_proj.weight")
        add(b + "ffn_down.weight", rand(d, ff), plan["ffn_down"], h + "mlp.down_proj.weight")
    add("output_norm.weight", 1 + rand(d, scale=0.1), Q.F32, "model.norm.weight")
    if qwen:  # llama: tied embeddings, no output tensor (SmolLM style)
        add("output.weight", rand(vocab, d, scale=0.3), plan["output"], "lm_head.weight")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

    common = dict(vocab_size=vocab, hidden_size=d, intermediate_size=ff, num_hidden_layers=layers,
                  num_attention_heads=heads, num_key_value_heads=kv_heads, max_position_embeddings=TINY["context"],
                  rms_norm_eps=eps, rope_theta=theta, tie_word_embeddings=not qwen)
    if qwen:
        model = Qwen2ForCausalLM(Qwen2Config(**common))
    else:
        model = LlamaForCausalLM(LlamaConfig(**common, attention_bias=False, mlp_bias=False))
    state = {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in hf.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [name for name in missing if not (name == "lm_head.weight" and not qwen)]
    assert not missing and not unexpected, (missing, unexpected)
    model.eval().float()
    ids = rng.integers(0, vocab - 3, size=48)
    with torch.no_grad():
        logits = model(torch.from_numpy(ids[None, :])).logits[0].numpy()
    print(f"tiny {arch}: {path.stat().st_size:,} bytes, theta {model.config.to_dict().get('rope_theta', theta)}")
    return {f"{arch}_ids": ids.astype(np.int32), f"{arch}_logits": logits.astype(np.float32)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gguf", type=Path, help="the bundled model's GGUF (skip the real-model fixtures if absent)")
    parser.add_argument("--tiny-only", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    tiny: dict[str, np.ndarray] = {}
    tiny.update(make_tiny("qwen2", seed=1))
    tiny.update(make_tiny("llama", seed=2))
    np.savez_compressed(OUT / "tiny_reference.npz", **tiny)
    if not args.tiny_only:
        if not args.gguf or not args.gguf.exists():
            sys.exit("--gguf PATH to the bundled model is needed for the real-model fixtures")
        make_model_fixture(args.gguf.expanduser())
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
