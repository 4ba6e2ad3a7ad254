"""What a symbol is (a function, class or method with its exact line range) and the splice error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SymbolKind = Literal["function", "async function", "class", "method", "async method"]


@dataclass(frozen=True)
class Symbol:
    """One definition in a source file. Line numbers are 1-based and inclusive.

    `start_line` includes the comment block attached above the definition and its decorators;
    `decorator_line` is the first decorator (== `def_line` when there is none); `header_end_line` is
    the last line of the signature (the line holding the `:` or `{` that opens the body).
    """

    name: str  # qualified: "function", "Class.method", "outer.inner"
    kind: SymbolKind
    start_line: int
    end_line: int
    def_line: int
    decorator_line: int
    header_end_line: int
    signature: str  # one line: "def foo(a, b=1) -> int: ..." / "func Foo(a int) error { ... }"
    parent: str | None  # qualified name of the enclosing definition
    indent: str  # the whitespace before `def` / `class`

    @property
    def bare_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def line_count(self) -> int:
        return self.end_line - self.start_line + 1


class SymbolEditError(ValueError):
    """A symbol edit that cannot be applied (unknown or ambiguous name, code that does not parse).

    The message is written for the model: the intern sends it back like any malformed answer.
    """


class AmbiguousSymbolError(SymbolEditError):
    """The name matches several definitions that are not one contiguous group."""
