"""A GGUF model opened for use: config, tokenizer and tensors, with the parsed header cached on disk.

Parsing the header with `gguf.GGUFReader` takes 10-25 s for a 150k-token vocabulary, so the first open
writes a JSON index (config, tokenizer spec, tensor offsets) into the cache, keyed by the file's content
key; later opens read that index and memory-map the tensor bytes directly (well under a second).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from gguf import GGMLQuantizationType
from gguf.constants import GGML_QUANT_SIZES
from gguf.quants import dequantize

from interns.local_model.atomic import atomic_write_bytes
from interns.local_model.config import ModelConfig
from interns.local_model.errors import UnsupportedModelError
from interns.local_model.gguf_file import GGUFFile, check_gguf_magic
from interns.local_model.install import marker_path
from interns.local_model.paths import converted_dir
from interns.local_model.tokenizer import ModelTokenizer, TokenizerSpec

INDEX_VERSION = 1
# metadata shown by `interns model info` (scalars only)
INFO_KEYS = ("general.name", "general.basename", "general.size_label", "general.file_type", "general.quantization_version")


@dataclass(frozen=True)
class TensorEntry:
    name: str
    quant_type: str
    shape: list[int]  # numpy order (rows, cols)
    offset: int  # absolute byte offset in the file
    n_bytes: int


def content_key(path: Path) -> str:
    """A key that changes when the file does: the installed sha256 when a marker vouches for it,
    else a digest of (absolute path, size, mtime, inode)."""
    marker = marker_path(path)
    stat = path.stat()
    if marker.exists():
        try:
            record = json.loads(marker.read_text())
            if record.get("size") == stat.st_size and record.get("mtime_ns") == stat.st_mtime_ns:
                return str(record["sha256"])
        except (OSError, ValueError, KeyError):
            pass
    signature = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    return "stat-" + hashlib.sha256(signature.encode()).hexdigest()


class ModelSource:
    """Config, tokenizer and (dequantised) tensors of one GGUF file."""

    def __init__(self, path: Path, key: str, index: dict[str, Any]) -> None:
        self.path = path
        self.key = key
        self.config = ModelConfig(**index["config"])
        self.metadata: dict[str, Any] = index["metadata"]
        self.tokenizer_spec = TokenizerSpec(**index["tokenizer"])
        self.tensors = {entry["name"]: TensorEntry(**entry) for entry in index["tensors"]}
        self._file = np.memmap(path, dtype=np.uint8, mode="r")

    @cached_property
    def tokenizer(self) -> ModelTokenizer:
        return ModelTokenizer(self.tokenizer_spec)

    def has_tensor(self, name: str) -> bool:
        return name in self.tensors

    def entry(self, name: str) -> TensorEntry:
        try:
            return self.tensors[name]
        except KeyError:
            raise UnsupportedModelError(f"{self.path}: tensor {name!r} is missing") from None

    def raw(self, name: str) -> np.ndarray:
        """The stored bytes, one row per matrix row (a view of the memory map)."""
        entry = self.entry(name)
        data = self._file[entry.offset : entry.offset + entry.n_bytes]
        rows = int(np.prod(entry.shape[:-1])) if len(entry.shape) > 1 else 1
        return data.reshape(rows, entry.n_bytes // rows)

    def dequantize(self, name: str, rows: np.ndarray | None = None) -> np.ndarray:
        """The tensor as float32 in numpy order; `rows` selects matrix rows (embedding lookup)."""
        entry = self.entry(name)
        qtype = GGMLQuantizationType[entry.quant_type]
        data = self.raw(name)
        if rows is not None:
            rows = np.asarray(rows, dtype=np.int64).reshape(-1)
            data = data[rows]
        try:
            values = dequantize(np.asarray(data), qtype)
        except NotImplementedError:
            raise UnsupportedModelError(
                f"{self.path}: tensor {name!r} is {qtype.name}, which cannot be dequantised"
            ) from None
        values = np.ascontiguousarray(values, dtype=np.float32)
        return values.reshape(entry.shape) if rows is None else values.reshape(len(rows), entry.shape[-1])


def build_index(gguf: GGUFFile) -> dict[str, Any]:
    """Everything the engine needs from the header, as JSON-able data."""
    config = gguf.config
    tokens = gguf.require("tokenizer.ggml.tokens")
    token_types = gguf.field("tokenizer.ggml.token_type") or [1] * len(tokens)

    def optional_int(key: str) -> int | None:
        value = gguf.field(key)
        return None if value is None else int(value)

    spec = TokenizerSpec(
        model=str(gguf.require("tokenizer.ggml.model")),
        pre=str(gguf.field("tokenizer.ggml.pre", "gpt-2")),
        tokens=list(tokens),
        token_types=[int(kind) for kind in token_types],
        merges=list(gguf.field("tokenizer.ggml.merges") or []),
        bos_token_id=optional_int("tokenizer.ggml.bos_token_id"),
        eos_token_id=optional_int("tokenizer.ggml.eos_token_id"),
        pad_token_id=optional_int("tokenizer.ggml.padding_token_id"),
        add_bos_token=bool(gguf.field("tokenizer.ggml.add_bos_token", False)),
        chat_template=gguf.field("tokenizer.chat_template"),
    )
    tensors = []
    for tensor in gguf.reader.tensors:
        qtype = GGMLQuantizationType(tensor.tensor_type)
        block, type_size = GGML_QUANT_SIZES[qtype]
        shape = [int(dim) for dim in reversed(tensor.shape.tolist())]
        n_bytes = int(np.prod(shape)) // block * type_size
        tensors.append(asdict(TensorEntry(tensor.name, qtype.name, shape, int(tensor.data_offset), n_bytes)))
    metadata = {key: gguf.field(key) for key in INFO_KEYS if gguf.field(key) is not None}
    return {
        "version": INDEX_VERSION,
        "config": config.as_dict(),
        "metadata": metadata,
        "tokenizer": asdict(spec),
        "tensors": tensors,
    }


def index_path(key: str, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    return converted_dir(cache_dir) / f"index-{key[:32]}-v{INDEX_VERSION}.json"


def open_model_source(path: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> ModelSource:
    """Open a GGUF file, from the cached header index when there is one (else parse and cache it)."""
    path = Path(path)
    check_gguf_magic(path)
    key = content_key(path)
    cached = index_path(key, cache_dir)
    try:
        index = json.loads(cached.read_text())
        if index.get("version") == INDEX_VERSION:
            return ModelSource(path, key, index)
    except (OSError, ValueError):
        pass
    index = build_index(GGUFFile(path))
    try:
        atomic_write_bytes(cached, json.dumps(index).encode())
    except OSError:
        pass  # a read-only cache only costs speed
    return ModelSource(path, key, index)
