"""The real command in a pseudo-terminal: it starts, shows the picker, runs specs, and quits cleanly."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import fcntl
from pathlib import Path

import pytest

ANSI = re.compile(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
LEAVE_ALT_SCREEN = "\x1b[?1049l"


def _interns_tui() -> list[str]:
    """`interns tui` once interns/cli.py mounts it; until then the same command as `python -m interns.tui`."""
    help_text = subprocess.run([sys.executable, "-m", "interns", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}).stdout
    if re.search(r"^\W*tui\b", help_text, re.MULTILINE):
        return [sys.executable, "-m", "interns", "tui"]
    return [sys.executable, "-m", "interns.tui"]


class Terminal:
    """A child process on a real pseudo-terminal of a fixed size; collects what it draws."""

    def __init__(self, argv: list[str], cwd: Path, size: tuple[int, int] = (120, 36)) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(argv, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True)
        os.close(slave)
        self.raw = ""

    def read(self, seconds: float = 0.1) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], seconds)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the child closed the terminal
                return
            if not chunk:
                return
            self.raw += chunk.decode("utf-8", errors="replace")
            seconds = 0.05

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw)

    def wait_for(self, what: str, predicate, timeout: float = 180.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"gave up waiting for {what}; exit {self.process.poll()}; screen text tail:\n{self.text[-2000:]}")
            self.read(0.2)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


@pytest.mark.slow
def test_the_installed_command_in_a_pty(calc_repo: Path, calc_cassette: Path) -> None:
    runs = calc_repo / ".interns" / "state" / "runs"
    terminal = Terminal([*_interns_tui(), "--sandbox", "local", "--replay", str(calc_cassette)], cwd=calc_repo)
    try:
        terminal.wait_for("the spec picker", lambda: "calc.md" in terminal.text and "Run selected" in terminal.text)
        terminal.send("r")
        reports = lambda: sorted(runs.glob("*.report.json")) if runs.is_dir() else []  # noqa: E731
        terminal.wait_for("the run to finish", lambda: bool(reports()))
        terminal.wait_for("the run view to show it", lambda: "3/3 merged" in terminal.text)
        assert json.loads(reports()[0].read_text())["exit_code"] == 0
        terminal.send("q")
        deadline = time.monotonic() + 60
        while terminal.process.poll() is None and time.monotonic() < deadline:
            terminal.read(0.2)
        terminal.read(0.2)
        assert terminal.process.poll() == 0, terminal.text[-2000:]
        assert LEAVE_ALT_SCREEN in terminal.raw  # the terminal was handed back
    finally:
        terminal.close()
