"""Trim a failing acceptance command's output to what a model needs to fix the code.

pytest output keeps, per failed test: its header, the failing source line (`>`), the `E ` lines, the
`path:line:` locations of the last frames, a short tail of captured output; then the short test
summary and the final count. Session headers, progress dots, PASSED lines and warnings go. A plain
Python traceback keeps its last frames and the exception. Anything else (or whatever is still too
long) becomes head + tail, the tail holding most of the room since errors come last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
SECTION = re.compile(r"^={3,} ?(?P<title>.*?) ?={3,}$")
TEST_HEADER = re.compile(r"^_{3,} (?P<title>.+?) _{3,}$")
FRAME_SEPARATOR = re.compile(r"^(?:_ ){2,}_?\s*$")
CAPTURED = re.compile(r"^-{3,} ?(?P<title>Captured .+?|generated xml file.*?) ?-{3,}$")
LOCATION = re.compile(r"^\S.*:\d+: ")
PROGRESS = re.compile(r"^(?:\S+\.py\s*)?[.FEsxXp]+\s*(?:\[\s*\d+%\])?\s*$")
VERBOSE_PASS = re.compile(r"^\S+::\S.* (?:PASSED|SKIPPED|XFAIL|XPASS)\b")
SESSION_NOISE = re.compile(r"^(?:platform |rootdir:|configfile:|plugins:|cachedir:|collected |collecting |testpaths:|Using --randomly|hypothesis profile|asyncio: )")
PY_TRACEBACK = "Traceback (most recent call last):"
PY_FRAME = re.compile(r'^\s*File "[^"]*", line \d+')
CARET_LINE = re.compile(r"^\s*[~^]+\s*$")
DROP_SECTIONS = ("warnings summary", "PASSES", "slowest", "test session starts", "coverage")
DURATION = re.compile(r" in \d+(?:\.\d+)?s(?: \(\d+:\d+:\d+\))?(?=(?: =+)?$)", re.MULTILINE)  # pytest's "1 failed in 0.02s"
FRAMES_KEPT = 2
E_LINES_KEPT = 40
CAPTURED_LINES_KEPT = 15
LINES_BEFORE_ARROW = 4
MAX_LINE_CHARS = 400


def tail_of_output(text: str, max_chars: int = 4000) -> str:
    """The last `max_chars` characters, untouched: the baseline `trim_failure_output` is measured against."""
    return text[-max_chars:]


def failure_output_for(mode: str) -> Callable[[str, int], str]:
    """How failing output is cut for the model under the config's `context` mode ("focused" | "whole")."""
    return tail_of_output if mode == "whole" else trim_failure_output


def trim_failure_output(text: str, max_chars: int = 4000) -> str:
    """The parts of `text` that explain the failure, at most `max_chars` characters."""
    text = ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = DURATION.sub("", text)  # the same failure reads the same: prompts stay cacheable and replayable
    lines = [_cap(line) for line in text.split("\n")]
    if _looks_like_pytest(lines):
        lines = _trim_pytest(lines)
    elif any(line.startswith(PY_TRACEBACK) for line in lines):
        lines = _trim_python_tracebacks(lines)
    result = "\n".join(lines).strip("\n")
    if len(result) > max_chars:
        result = _head_and_tail(result, max_chars)
    return result


def _cap(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 20] + f" ... ({len(line)} chars)"


def _looks_like_pytest(lines: list[str]) -> bool:
    return any(
        SECTION.match(line) and any(word in line for word in ("FAILURES", "ERRORS", "short test summary", "test session starts", " failed", " passed", " error"))
        for line in lines
    )


def _trim_pytest(lines: list[str]) -> list[str]:
    out: list[str] = []
    title: str | None = None
    section: list[str] = []

    def flush() -> None:
        out.extend(_trim_section(title, section))

    for line in lines:
        match = SECTION.match(line)
        if match:
            flush()
            title, section = match.group("title"), []
            if not any(word in title for word in DROP_SECTIONS) and title not in ("FAILURES", "ERRORS"):
                out.append(line)  # the summary headers and the final "1 failed, 2 passed" line
            elif title in ("FAILURES", "ERRORS"):
                out.append(f"=== {title} ===")
            continue
        section.append(line)
    flush()
    return out


def _trim_section(title: str | None, lines: list[str]) -> list[str]:
    if title is None or title == "test session starts":
        return [line for line in lines if line.strip() and not PROGRESS.match(line) and not SESSION_NOISE.match(line) and not VERBOSE_PASS.match(line)]
    if any(word in title for word in DROP_SECTIONS):
        return []
    if title in ("FAILURES", "ERRORS"):
        return _trim_failures(lines)
    return [line for line in lines if line.strip()]


def _trim_failures(lines: list[str]) -> list[str]:
    out: list[str] = []
    block: list[str] = []
    header: str | None = None
    for line in lines + ["_____ end _____"]:
        match = TEST_HEADER.match(line)
        if match:
            if header is not None or block:
                out.extend(_trim_test_block(header, block))
            header, block = match.group("title"), []
            continue
        block.append(line)
    return out


def _trim_test_block(title: str | None, lines: list[str]) -> list[str]:
    out = [f"___ {title} ___"] if title else []
    traceback: list[str] = []
    captured: list[tuple[str, list[str]]] = []
    for line in lines:
        match = CAPTURED.match(line)
        if match:
            captured.append((match.group("title"), []))
        elif captured:
            captured[-1][1].append(line)
        else:
            traceback.append(line)
    frames: list[list[str]] = [[]]
    for line in traceback:
        if FRAME_SEPARATOR.match(line):
            frames.append([])
        else:
            frames[-1].append(line)
    frames = [frame for frame in frames if any(line.strip() for line in frame)]
    if len(frames) > FRAMES_KEPT + 1:
        # the test's own frame says which call failed; the last ones say where
        first = [line for line in _trim_frame(frames[0]) if line.startswith(">") or LOCATION.match(line)]
        out.extend(first)
        out.append(f"({len(frames) - FRAMES_KEPT - 1} frames not shown)")
        frames = frames[-FRAMES_KEPT:]
    for number, frame in enumerate(frames):
        if number:
            out.append("_ _ _")
        out.extend(_trim_frame(frame))
    for title_text, body in captured:
        body = [line for line in body if line.strip()]
        if not body:
            continue
        out.append(f"--- {title_text} ---")
        if len(body) > CAPTURED_LINES_KEPT:
            out.append(f"({len(body) - CAPTURED_LINES_KEPT} earlier lines not shown)")
        out.extend(body[-CAPTURED_LINES_KEPT:])
    return out


def _trim_frame(frame: list[str]) -> list[str]:
    arrows = [index for index, line in enumerate(frame) if line.startswith(">")]
    errors = [index for index, line in enumerate(frame) if line.startswith("E ")]
    if not arrows and not errors:
        return _trim_short_frames(frame)
    keep: set[int] = set()
    for arrow in arrows:
        keep.update(range(max(0, arrow - LINES_BEFORE_ARROW), arrow + 1))
    keep.update(errors[:E_LINES_KEPT])
    keep.update(index for index, line in enumerate(frame) if LOCATION.match(line))
    out = [frame[index] for index in sorted(keep) if frame[index].strip()]
    if len(errors) > E_LINES_KEPT:
        out.append(f"E   ... ({len(errors) - E_LINES_KEPT} more E lines)")
    return out


def _trim_short_frames(frame: list[str]) -> list[str]:
    """`path:line: in name` + source lines, as pytest prints repeated or short frames: keep the last two."""
    chunks: list[list[str]] = [[]]
    for line in frame:
        if not line.strip() or CARET_LINE.match(line):
            continue
        if LOCATION.match(line) and chunks[-1]:
            chunks.append([])
        chunks[-1].append(line)
    out: list[str] = []
    if len(chunks) > FRAMES_KEPT:
        out.append(f"({len(chunks) - FRAMES_KEPT} frames not shown)")
        chunks = chunks[-FRAMES_KEPT:]
    for chunk in chunks:
        out.extend(chunk[:8])
    return out


def _trim_python_tracebacks(lines: list[str]) -> list[str]:
    """Each `Traceback (most recent call last):` keeps its last frames; other lines stay."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith(PY_TRACEBACK):
            if not CARET_LINE.match(line):
                out.append(line)
            index += 1
            continue
        out.append(line)
        index += 1
        frames: list[list[str]] = []
        while index < len(lines) and (lines[index].startswith((" ", "\t")) or not lines[index].strip()):
            if PY_FRAME.match(lines[index]):
                frames.append([lines[index]])
            elif frames and lines[index].strip() and not CARET_LINE.match(lines[index]):
                frames[-1].append(lines[index])
            index += 1
        if len(frames) > FRAMES_KEPT + 1:
            out.append(f"  ({len(frames) - FRAMES_KEPT - 1} earlier frames not shown)")
            frames = frames[-(FRAMES_KEPT + 1):]
        for frame in frames:
            out.extend(frame)
    return out


def _head_and_tail(text: str, max_chars: int) -> str:
    """The first third and the last two thirds of the room, cut at line boundaries."""
    lines = text.split("\n")
    marker_room = 60
    head_room = max(0, (max_chars - marker_room) // 3)
    tail_room = max(0, max_chars - marker_room - head_room)
    head: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > head_room:
            break
        head.append(line)
        used += len(line) + 1
    tail: list[str] = []
    used = 0
    for line in reversed(lines[len(head):]):
        if used + len(line) + 1 > tail_room:
            break
        tail.append(line)
        used += len(line) + 1
    tail.reverse()
    if not head and not tail:  # one enormous line
        return text[: max(0, max_chars - marker_room)] + "\n... (output cut) ..."
    omitted = len(lines) - len(head) - len(tail)
    return "\n".join(head + [f"... ({omitted} lines not shown) ..."] + tail)
