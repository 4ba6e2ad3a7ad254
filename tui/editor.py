"""Open a file in the person's $EDITOR, handing it the terminal while the app is suspended."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported

# editors that understand `+LINE FILE`
_LINE_AWARE = {"vi", "vim", "nvim", "view", "nano", "pico", "emacs", "emacsclient", "micro", "kak", "joe", "mg", "ne"}


def editor_command(path: Path, line: int = 1) -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    command = shlex.split(editor)
    if line > 1 and Path(command[0]).name in _LINE_AWARE:
        command.append(f"+{line}")
    return [*command, str(path)]


def open_in_editor(app: App, path: Path, line: int = 1) -> int:
    """Run the editor and wait for it; returns its exit code (127 when it cannot be started)."""
    command = editor_command(path, line)
    try:
        try:
            with app.suspend():
                return subprocess.call(command)
        except SuspendNotSupported:  # headless (tests, no terminal): nothing to hand over
            return subprocess.call(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return 127
