"""Reading a GGUF file: validation, hyper-parameters and dequantised tensors (via the `gguf` package)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from gguf import GGMLQuantizationType, GGUFReader
from gguf.quants import dequantize

from interns.local_model.config import SUPPORTED_ARCHITECTURES, ModelConfig
from interns.local_model.errors import BadModelFileError, UnsupportedModelError

GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class TensorInfo:
    name: str
    quant_type: str
    shape: tuple[int, ...]  # numpy order: (rows, cols) = (out_features, in_features) for matrices
    n_bytes: int


class GGUFFile:
    """A validated GGUF file: metadata fields, model config and tensors by name."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.reader = _open_reader(self.path)
        self._tensors = {tensor.name: tensor for tensor in self.reader.tensors}

    # ---- metadata -------------------------------------------------------------------------------
    def field(self, key: str, default: Any = None) -> Any:
        field = self.reader.fields.get(key)
        if field is None:
            return default
        return field.contents()

    def require(self, key: str) -> Any:
        value = self.field(key)
        if value is None:
            raise UnsupportedModelError(f"{self.path}: GGUF metadata key {key!r} is missing")
        return value

    @cached_property
    def architecture(self) -> str:
        arch = self.require("general.architecture")
        if arch not in SUPPORTED_ARCHITECTURES:
            raise UnsupportedModelError(
                f"{self.path}: architecture {arch!r} is not supported "
                f"(supported: {', '.join(SUPPORTED_ARCHITECTURES)})"
            )
        return arch

    @cached_property
    def config(self) -> ModelConfig:
        arch = self.architecture
        d_model = int(self.require(f"{arch}.embedding_length"))
        n_heads = int(self.require(f"{arch}.attention.head_count"))
        n_kv_heads = int(self.field(f"{arch}.attention.head_count_kv", n_heads))
        head_dim = int(self.field(f"{arch}.attention.key_length", d_model // n_heads))
        scaling = self.field(f"{arch}.rope.scaling.type")
        if scaling not in (None, "none"):
            raise UnsupportedModelError(f"{self.path}: rope scaling {scaling!r} is not supported")
        embedding = self.tensor_info("token_embd.weight")
        return ModelConfig(
            architecture=arch,
            name=str(self.field("general.name", self.path.stem)),
            n_layers=int(self.require(f"{arch}.block_count")),
            d_model=d_model,
            d_ff=int(self.require(f"{arch}.feed_forward_length")),
            n_heads=n_heads,
            n_kv_heads=n_kv_heads,
            head_dim=head_dim,
            vocab_size=embedding.shape[0],
            context_length=int(self.field(f"{arch}.context_length", 4096)),
            rope_theta=float(self.field(f"{arch}.rope.freq_base", 10000.0)),
            rms_eps=float(self.field(f"{arch}.attention.layer_norm_rms_epsilon", 1e-6)),
            tied_embeddings="output.weight" not in self._tensors,
            qkv_bias="blk.0.attn_q.bias" in self._tensors,
        )

    # ---- tensors --------------------------------------------------------------------------------
    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def has_tensor(self, name: str) -> bool:
        return name in self._tensors

    def _raw(self, name: str):
        try:
            return self._tensors[name]
        except KeyError:
            raise UnsupportedModelError(f"{self.path}: tensor {name!r} is missing") from None

    def tensor_info(self, name: str) -> TensorInfo:
        tensor = self._raw(name)
        shape = tuple(int(dim) for dim in reversed(tensor.shape.tolist()))
        return TensorInfo(name, tensor.tensor_type.name, shape, int(tensor.n_bytes))

    def tensor_infos(self) -> list[TensorInfo]:
        return [self.tensor_info(name) for name in self._tensors]

    def dequantize(self, name: str, rows: np.ndarray | None = None) -> np.ndarray:
        """The tensor as float32 in numpy order; `rows` picks rows of a matrix (e.g. embedding lookup)."""
        tensor = self._raw(name)
        data = tensor.data if rows is None else tensor.data[rows]
        qtype = GGMLQuantizationType(tensor.tensor_type)
        if qtype == GGMLQuantizationType.F32:
            return np.asarray(data, dtype=np.float32)
        try:
            values = dequantize(data, qtype)
        except NotImplementedError:
            raise UnsupportedModelError(
                f"{self.path}: tensor {name!r} has quantisation {qtype.name}, which cannot be dequantised"
            ) from None
        return np.ascontiguousarray(values, dtype=np.float32)

    def raw_rows(self, name: str) -> tuple[np.ndarray, GGMLQuantizationType]:
        """The still-quantised bytes of a matrix, one row per output row (memory-mapped)."""
        tensor = self._raw(name)
        return tensor.data, GGMLQuantizationType(tensor.tensor_type)


def check_gguf_magic(path: Path) -> None:
    """Exists and starts with the GGUF magic, else a BadModelFileError naming the fix."""
    if not path.is_file():
        raise BadModelFileError(f"{path}: no such model file")
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic != GGUF_MAGIC:
        raise BadModelFileError(
            f"{path}: not a GGUF file (starts with {magic!r}); reinstall with `interns model install`"
        )


def _open_reader(path: Path) -> GGUFReader:
    check_gguf_magic(path)
    try:
        reader = GGUFReader(path, "r")
    except Exception as error:  # the reader raises assorted errors on truncated or corrupt headers
        raise BadModelFileError(
            f"{path}: unreadable GGUF ({type(error).__name__}: {error}); the file is truncated or corrupt, "
            "reinstall with `interns model install`"
        ) from error
    size = path.stat().st_size
    for tensor in reader.tensors:
        end = int(tensor.data_offset) + int(tensor.n_bytes)
        if end > size:
            raise BadModelFileError(
                f"{path}: truncated GGUF (tensor {tensor.name!r} ends at byte {end:,}, file has {size:,}); "
                "reinstall with `interns model install`"
            )
    return reader
