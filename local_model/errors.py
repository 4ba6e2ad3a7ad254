"""Errors of the local model engine, each mapped to a documented exit code and naming its fix."""

from __future__ import annotations

from interns.errors import BadInputError, InfrastructureError


class ModelNotInstalledError(InfrastructureError):
    """The model's PyPI parts are missing (the `model` extra was not installed)."""


class ModelIntegrityError(InfrastructureError):
    """An assembled or cached model file does not match its registered size or sha256."""


class UnsupportedModelError(BadInputError):
    """A GGUF file whose architecture, tensor type or layout the engine does not handle."""


class BadModelFileError(BadInputError):
    """A file that is not a readable GGUF (foreign, truncated or corrupt)."""
