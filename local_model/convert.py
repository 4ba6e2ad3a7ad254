"""Convert a GGUF's weights to the engine's formats and cache the result on disk, memory-mapped on load.

The cache directory is keyed by the source's content key (its sha256 for installed models), the scheme,
CONVERTER_VERSION and the kernels' storage format, so a change to any of them converts afresh. It is
written with atomic_directory: a killed conversion leaves only a `.partial` directory, never a cache entry
that looks complete.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from interns.local_model.atomic import atomic_directory, exclusive_lock, remove_stale_partials
from interns.local_model.linear import linear_from_arrays, make_linear
from interns.local_model.paths import converted_dir
from interns.local_model.source import ModelSource
from interns.local_model.weights import (
    LINEAR_ROLES,
    SCHEMES,
    Embedding,
    LayerWeights,
    ModelWeights,
    QuantScheme,
    fused_block_tensors,
    output_tensor_name,
)

CONVERTER_VERSION = 2  # 2: calibrated (activation-aware) int4, mixed int4/int8 scheme
MANIFEST = "manifest.json"
Progress = Callable[[str], None]


def kernel_format_tag() -> str:
    """The kernels' storage-format version, so a layout change invalidates converted caches."""
    try:
        from interns.local_model import kernels
    except ImportError:
        return "nokernels"
    return str(kernels.LAYOUT_VERSION)


def scheme_of(name: str) -> QuantScheme:
    from interns.errors import BadInputError

    try:
        return SCHEMES[name]
    except KeyError:
        raise BadInputError(f"unknown quantisation {name!r}; known: {', '.join(SCHEMES)}") from None


def conversion_dir(source: ModelSource, scheme: QuantScheme, cache_dir: str | os.PathLike[str] | None) -> Path:
    uses_kernels = any(scheme.format_of(role) != "fp32" for role in (*LINEAR_ROLES, "output"))
    tag = f"k{kernel_format_tag()}" if uses_kernels else "numpy"
    return converted_dir(cache_dir) / f"{source.key[:32]}-{scheme.name}-c{CONVERTER_VERSION}-{tag}"


def _save(directory: Path, name: str, array: np.ndarray) -> None:
    np.save(directory / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)


def _load(directory: Path, name: str) -> np.ndarray:
    return np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)


def convert(source: ModelSource, scheme: QuantScheme, target: Path, progress: Progress | None = None) -> None:
    """Write every tensor the forward pass needs, in `scheme`'s formats, into `target` (a new dir)."""
    config = source.config
    manifest: dict = {
        "converter_version": CONVERTER_VERSION,
        "scheme": scheme.name,
        "source_key": source.key,
        "config": config.as_dict(),
        "linears": {},
    }
    started = time.perf_counter()
    importance: dict = {}
    fp32 = None
    if scheme.calibrate:
        from interns.local_model.calibration import calibrate, fp32_weights

        if progress:
            progress("calibrating: the fp32 model reads sample code to weigh int4 rounding errors")
        fp32 = fp32_weights(source)
        importance = calibrate(source, fp32)
        manifest["calibration_seconds"] = round(time.perf_counter() - started, 2)

    def block_tensors(layer: int) -> dict[str, np.ndarray]:
        if fp32 is None:
            return fused_block_tensors(source, layer)
        weights = fp32.layers[layer]
        tensors = {role: getattr(weights, role).weight for role in LINEAR_ROLES}
        tensors.update(attn_norm=weights.attn_norm, ffn_norm=weights.ffn_norm)
        if weights.qkv_bias is not None:
            tensors["qkv_bias"] = weights.qkv_bias
        return tensors

    for layer in range(config.n_layers):
        if progress:
            progress(f"converting block {layer + 1}/{config.n_layers}")
        tensors = block_tensors(layer)
        for name in ("attn_norm", "ffn_norm", "qkv_bias"):
            if name in tensors:
                _save(target, f"blk{layer}.{name}", tensors[name])
        for role in LINEAR_ROLES:
            linear = make_linear(tensors[role], scheme.format_of(role), importance.get((layer, role)))
            _store_linear(target, manifest, f"blk{layer}.{role}", linear)
    if progress:
        progress("converting output matrix")
    _save(target, "output_norm", source.dequantize("output_norm.weight"))
    output_weight = fp32.output.weight if fp32 is not None else source.dequantize(output_tensor_name(config))
    _store_linear(target, manifest, "output", make_linear(output_weight, scheme.output, importance.get((-1, "output"))))
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1))


def _store_linear(target: Path, manifest: dict, name: str, linear) -> None:
    arrays = linear.to_arrays()
    manifest["linears"][name] = {"format": linear.format, "arrays": sorted(arrays)}
    for array_name, array in arrays.items():
        _save(target, f"{name}.{array_name}", array)


def _load_linear(directory: Path, manifest: dict, name: str):
    record = manifest["linears"][name]
    arrays = {array_name: _load(directory, f"{name}.{array_name}") for array_name in record["arrays"]}
    return linear_from_arrays(record["format"], arrays)


def load_converted(source: ModelSource, scheme: QuantScheme, directory: Path) -> ModelWeights:
    manifest = json.loads((directory / MANIFEST).read_text())
    config = source.config
    layers = []
    for layer in range(config.n_layers):
        bias_file = directory / f"blk{layer}.qkv_bias.npy"
        layers.append(
            LayerWeights(
                attn_norm=np.asarray(_load(directory, f"blk{layer}.attn_norm")),
                qkv=_load_linear(directory, manifest, f"blk{layer}.qkv"),
                qkv_bias=np.asarray(_load(directory, f"blk{layer}.qkv_bias")) if bias_file.exists() else None,
                o=_load_linear(directory, manifest, f"blk{layer}.o"),
                ffn_norm=np.asarray(_load(directory, f"blk{layer}.ffn_norm")),
                gate_up=_load_linear(directory, manifest, f"blk{layer}.gate_up"),
                down=_load_linear(directory, manifest, f"blk{layer}.down"),
            )
        )
    return ModelWeights(
        config=config,
        scheme=scheme,
        embedding=Embedding(source),
        layers=layers,
        output_norm=np.asarray(_load(directory, "output_norm")),
        output=_load_linear(directory, manifest, "output"),
        extras={"conversion_dir": str(directory), "conversion_seconds": manifest.get("seconds")},
    )


def load_weights(
    source: ModelSource,
    scheme: str | QuantScheme = "int4",
    cache_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> ModelWeights:
    """The model's weights in `scheme`, converted once and memory-mapped from the cache afterwards."""
    scheme = scheme if isinstance(scheme, QuantScheme) else scheme_of(scheme)
    directory = conversion_dir(source, scheme, cache_dir)
    if use_cache and (directory / MANIFEST).exists():
        return load_converted(source, scheme, directory)
    if not use_cache:
        import tempfile

        with tempfile.TemporaryDirectory() as temp:
            convert(source, scheme, Path(temp), progress)
            weights = load_converted(source, scheme, Path(temp))
            return _materialise(weights)
    with exclusive_lock(directory.parent / f".{directory.name}.lock"):
        if not (directory / MANIFEST).exists():  # another process may have converted meanwhile
            remove_stale_partials(directory.parent, directory.name)
            with atomic_directory(directory) as temp:
                convert(source, scheme, temp, progress)
            _prune_outdated(directory, source, scheme)
    return load_converted(source, scheme, directory)


def _prune_outdated(current: Path, source: ModelSource, scheme: QuantScheme) -> None:
    """Drop conversions of the same source and scheme made by older converter or kernel versions."""
    import shutil

    for sibling in current.parent.glob(f"{source.key[:32]}-{scheme.name}-c*"):
        if sibling != current and sibling.is_dir():
            shutil.rmtree(sibling, ignore_errors=True)


def _materialise(weights: ModelWeights) -> ModelWeights:
    """Copy memory-mapped arrays into RAM (used when the temporary conversion dir goes away)."""
    def copy_linear(linear):
        return linear_from_arrays(linear.format, {name: np.array(array) for name, array in linear.to_arrays().items()})

    for layer in weights.layers:
        layer.attn_norm = np.array(layer.attn_norm)
        layer.ffn_norm = np.array(layer.ffn_norm)
        layer.qkv_bias = None if layer.qkv_bias is None else np.array(layer.qkv_bias)
        for role in LINEAR_ROLES:
            setattr(layer, role, copy_linear(getattr(layer, role)))
    weights.output = copy_linear(weights.output)
    weights.output_norm = np.array(weights.output_norm)
    return weights
