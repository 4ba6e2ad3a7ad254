"""The model's tokenizer, built with `tokenizers` from the GGUF metadata (byte-level BPE + specials)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

from interns.local_model.errors import UnsupportedModelError

# Pre-tokenizer split patterns by `tokenizer.ggml.pre` (the same ones the models' tokenizer.json use).
QWEN2_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)
GPT2_PATTERN = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
LLAMA3_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)
SPLIT_PATTERNS = {
    "qwen2": QWEN2_PATTERN,
    "gpt-2": GPT2_PATTERN,
    "gpt2": GPT2_PATTERN,
    "llama-bpe": LLAMA3_PATTERN,
    "llama3": LLAMA3_PATTERN,
    "smollm": None,  # SmolLM: digits split one by one, then byte-level with the GPT-2 regex
}

# GGUF token types (llama.cpp's llama_token_type)
TOKEN_NORMAL, TOKEN_UNKNOWN, TOKEN_CONTROL, TOKEN_USER_DEFINED, TOKEN_UNUSED, TOKEN_BYTE = 1, 2, 3, 4, 5, 6


@dataclass(frozen=True)
class TokenizerSpec:
    """What the GGUF metadata says about the tokenizer; plain data so it can be cached as JSON."""

    model: str  # tokenizer.ggml.model, "gpt2" for byte-level BPE
    pre: str  # tokenizer.ggml.pre
    tokens: list[str]
    token_types: list[int]
    merges: list[str]
    bos_token_id: int | None
    eos_token_id: int | None
    pad_token_id: int | None
    add_bos_token: bool
    chat_template: str | None
    extra: dict = field(default_factory=dict)


def build_tokenizer(spec: TokenizerSpec) -> Tokenizer:
    """A `tokenizers.Tokenizer` equivalent to the model's original tokenizer.json."""
    if spec.model != "gpt2":
        raise UnsupportedModelError(
            f"tokenizer model {spec.model!r} is not supported (only byte-level BPE, 'gpt2')"
        )
    if spec.pre not in SPLIT_PATTERNS:
        raise UnsupportedModelError(
            f"pre-tokenizer {spec.pre!r} is not supported (supported: {', '.join(sorted(SPLIT_PATTERNS))})"
        )
    vocab = {token: index for index, token in enumerate(spec.tokens)}
    merges = [tuple(merge.split(" ", 1)) for merge in spec.merges]
    tokenizer = Tokenizer(
        models.BPE(vocab=vocab, merges=merges, byte_fallback=False, fuse_unk=False, ignore_merges=False)
    )
    if spec.pre == "qwen2":
        tokenizer.normalizer = normalizers.NFC()
    pattern = SPLIT_PATTERNS[spec.pre]
    if pattern is None:  # smollm
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)]
        )
    else:
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Split(Regex(pattern), behavior="isolated", invert=False),
                pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
            ]
        )
    tokenizer.decoder = decoders.ByteLevel()
    specials = [
        AddedToken(token, special=kind == TOKEN_CONTROL, normalized=False)
        for token, kind in zip(spec.tokens, spec.token_types)
        if kind in (TOKEN_CONTROL, TOKEN_USER_DEFINED)
    ]
    tokenizer.add_tokens(specials)
    return tokenizer


class ModelTokenizer:
    """Encode/decode plus the special ids generation needs (end-of-turn, end-of-text)."""

    def __init__(self, spec: TokenizerSpec) -> None:
        self.spec = spec
        self.tokenizer = build_tokenizer(spec)
        self.vocab_size = len(spec.tokens)
        self.bos_token_id = spec.bos_token_id
        self.eos_token_id = spec.eos_token_id
        self.chat_template = spec.chat_template

    @classmethod
    def from_json(cls, text: str) -> "ModelTokenizer":
        return cls(TokenizerSpec(**json.loads(text)))

    def token_id(self, token: str) -> int | None:
        return self.tokenizer.token_to_id(token)

    def encode(self, text: str) -> list[int]:
        """Token ids of `text`; special tokens written in the text are recognised."""
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        if self.spec.add_bos_token and self.bos_token_id is not None:
            ids = [self.bos_token_id, *ids]
        return ids

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return [encoding.ids for encoding in self.tokenizer.encode_batch(texts, add_special_tokens=False)]

    def decode(self, ids: list[int], skip_special_tokens: bool = False) -> str:
        return self.tokenizer.decode(list(ids), skip_special_tokens=skip_special_tokens)

    def token_bytes(self, token_id: int) -> bytes:
        """The raw bytes a token stands for (byte-level BPE maps each byte to one printable char)."""
        token = self.spec.tokens[token_id]
        if self.spec.token_types[token_id] in (TOKEN_CONTROL, TOKEN_USER_DEFINED):
            return token.encode("utf-8")
        return bytes(_BYTE_DECODER[char] for char in token)

    def stop_token_ids(self) -> set[int]:
        """End-of-turn and end-of-text ids (ChatML's <|im_end|>, <|endoftext|>, the file's eos)."""
        ids = {self.eos_token_id} if self.eos_token_id is not None else set()
        for name in ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>"):
            token_id = self.token_id(name)
            if token_id is not None:
                ids.add(token_id)
        return ids

    def special_token_ids(self) -> set[int]:
        return {
            index for index, kind in enumerate(self.spec.token_types) if kind in (TOKEN_CONTROL, TOKEN_UNUSED)
        }


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte -> printable character map used by byte-level BPE."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            chars.append(256 + extra)
            extra += 1
    return dict(zip(printable, map(chr, chars)))


_BYTE_DECODER = {char: byte for byte, char in _bytes_to_unicode().items()}
