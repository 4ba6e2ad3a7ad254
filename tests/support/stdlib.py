"""Real-world parser input: the running interpreter's own standard-library sources, read as text."""

from __future__ import annotations

import asyncio.locks
import bisect
import contextlib
import functools
import inspect
import textwrap
from pathlib import Path
from types import ModuleType

# decorators, nested functions and classes, methods, async defs, comments between functions, class
# bodies, multi-line strings and signatures
MODULES = (functools, contextlib, asyncio.locks, textwrap, bisect)


def stdlib_source(module: ModuleType) -> str:
    """The source file of `module` as it is on disk (its line endings kept)."""
    path = inspect.getsourcefile(module)
    assert path is not None, f"this Python has no source file for {module.__name__}"
    return Path(path).read_bytes().decode("utf-8")
