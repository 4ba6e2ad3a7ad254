"""A setting with a fixed set of names, given both in the config and as a command-line flag: one list,
one check and one message for both (`'vm' is not one of auto, docker, local`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from interns.errors import BadInputError


@dataclass(frozen=True)
class Choice:
    flag: str  # the command-line flag that sets it, named in its errors
    names: tuple[str, ...]

    def problem(self, value: object) -> str | None:
        """Why `value` is not one of the names, or None when it is one."""
        if isinstance(value, str) and value in self.names:
            return None
        return f"'{value}' is not one of {', '.join(self.names)}"

    def check_flag(self, value: Optional[str]) -> Optional[str]:
        """The flag's value, checked (None = not given: the config decides); a typer callback."""
        if value is None:
            return None
        problem = self.problem(value)
        if problem is not None:
            raise BadInputError(f"{self.flag}: {problem}")
        return value
