"""The model's `<tool_call>{"name": ..., "arguments": ...}</tool_call>` blocks, as OpenAI `tool_calls`.

The model's text is hostile input: a block that is not a JSON object with a known function name and
object arguments stays plain content (never an error). Text is fed as it streams; what can still turn
into a tool call is held back, so tool-call text never leaks out as content.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

OPEN = "<tool_call>"
CLOSE = "</tool_call>"


@dataclass(frozen=True)
class ParsedToolCall:
    id: str
    name: str
    arguments: str  # a JSON object, as text (what OpenAI sends)

    def to_openai(self, index: int | None = None) -> dict[str, Any]:
        call: dict[str, Any] = {"id": self.id, "type": "function", "function": {"name": self.name, "arguments": self.arguments}}
        return call if index is None else {"index": index, **call}


@dataclass
class AnswerPiece:
    """What a piece of model text turned out to be: plain content, or one finished tool call."""

    content: str = ""
    tool_call: ParsedToolCall | None = None


def new_call_id() -> str:
    return "call_" + secrets.token_hex(12)


def parse_call(block: str, allowed: set[str] | None) -> ParsedToolCall | None:
    """The call a block's inner text stands for, or None when it is not a well-formed call."""
    try:
        data = json.loads(block)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    name = data.get("name")
    arguments = data.get("arguments", data.get("parameters", {}))
    if not isinstance(name, str) or not name or (allowed is not None and name not in allowed):
        return None
    if isinstance(arguments, str):  # some answers write the arguments as JSON text already
        try:
            arguments = json.loads(arguments)
        except ValueError:
            return None
    if not isinstance(arguments, dict):
        return None
    return ParsedToolCall(new_call_id(), name, json.dumps(arguments, ensure_ascii=False))


BARE_STARTS = ("{", "```json\n{", "```\n{")  # how an untagged call begins


def _unfenced(text: str) -> str:
    """`text` without surrounding whitespace and a ```json fence around it."""
    text = text.strip()
    if text.startswith("```") and text.endswith("```") and "\n" in text:
        text = text[text.index("\n") + 1 : -3].strip()
    return text


def _partial_open_suffix(text: str) -> int:
    """Length of the longest suffix of `text` that is a proper prefix of OPEN (it may become a block)."""
    for size in range(min(len(OPEN) - 1, len(text)), 0, -1):
        if OPEN.startswith(text[-size:]):
            return size
    return 0


@dataclass
class ToolCallParser:
    """Splits streamed model text into content and tool calls.

    `allowed`: the function names offered (None accepts any name). `single`: keep only the first call
    (`parallel_tool_calls: false`); later blocks are dropped, not shown as content.

    The 0.5B model often writes the call's JSON without the tags (`{"name": ..., "arguments": ...}` as
    its whole answer, sometimes in a ```json fence): an answer that starts like that is held to the end
    and taken as a call if it is exactly one; otherwise it is content as usual."""

    allowed: set[str] | None = None
    single: bool = False
    calls: list[ParsedToolCall] = field(default_factory=list)
    _mode: str = "undecided"  # undecided (only whitespace so far) | bare (held: may be an untagged call) | tagged
    _pending: str = ""  # text not yet released: a partial OPEN, an unfinished block, or a held answer
    _blank: str = ""  # trailing whitespace of the content so far: dropped if a call follows (the format's)
    _after_call: bool = False

    def feed(self, text: str) -> list[AnswerPiece]:
        self._pending += text
        if self._mode == "undecided":
            head = self._pending.lstrip()
            if any(head.startswith(start) for start in BARE_STARTS):
                self._mode = "bare"
            elif not head or any(start.startswith(head) for start in BARE_STARTS):
                return []  # cannot tell yet
            else:
                self._mode = "tagged"
        if self._mode == "bare":
            return []
        return self._tagged()

    def finish(self) -> list[AnswerPiece]:
        """The rest at the end of the answer; an unclosed block still counts if its JSON is whole
        (a stop string or the end of turn may come right after the object)."""
        pieces: list[AnswerPiece] = []
        if self._mode == "bare":
            call = parse_call(_unfenced(self._pending), self.allowed)
            if call is not None:
                self._pending = ""
                self._add_call(pieces, call)
                return pieces
        pieces += self._tagged()
        rest, self._pending = self._pending, ""
        if rest.startswith(OPEN):
            self._add_block(pieces, rest)
        else:
            self._add_content(pieces, rest)
        if self._blank and not self.calls:
            pieces.append(AnswerPiece(content=self._blank))
        self._blank = ""
        return pieces

    def _tagged(self) -> list[AnswerPiece]:
        """Release the content before any block and every finished block; hold what may still be one."""
        pieces: list[AnswerPiece] = []
        while True:
            start = self._pending.find(OPEN)
            if start < 0:
                keep = _partial_open_suffix(self._pending)
                released = self._pending[: len(self._pending) - keep]
                self._pending = self._pending[len(released) :]
                self._add_content(pieces, released)
                return pieces
            self._add_content(pieces, self._pending[:start])
            end = self._pending.find(CLOSE, start + len(OPEN))
            if end < 0:
                self._pending = self._pending[start:]  # an unfinished block: wait for its end
                return pieces
            block = self._pending[start : end + len(CLOSE)]
            self._pending = self._pending[end + len(CLOSE) :]
            self._add_block(pieces, block)

    def _add_block(self, pieces: list[AnswerPiece], block: str) -> None:
        inner = block[len(OPEN) :].removesuffix(CLOSE)
        call = parse_call(inner.strip(), self.allowed)
        if call is None:
            self._add_content(pieces, block)  # malformed: the model's text, as it wrote it
        else:
            self._add_call(pieces, call)

    def _add_call(self, pieces: list[AnswerPiece], call: ParsedToolCall) -> None:
        if self.single and self.calls:
            return
        self._blank = ""
        self._after_call = True
        self.calls.append(call)
        pieces.append(AnswerPiece(tool_call=call))

    def _add_content(self, pieces: list[AnswerPiece], text: str) -> None:
        text = self._blank + text
        if self._after_call:  # the newline after a block is the format's too
            text = text.lstrip()
        shown = text.rstrip()
        self._blank = text[len(shown) :]
        self._after_call = self._after_call and not shown
        if shown:
            pieces.append(AnswerPiece(content=shown))


def split_answer(text: str, allowed: set[str] | None = None, single: bool = False) -> tuple[str | None, list[ParsedToolCall]]:
    """A whole answer as (content outside the blocks or None, calls): the non-streaming form."""
    parser = ToolCallParser(allowed, single)
    pieces = parser.feed(text) + parser.finish()
    content = "".join(piece.content for piece in pieces)
    if parser.calls:
        content = content.strip()  # the newlines around the blocks are the format's, not the answer's
    return (content or None) if parser.calls else content, parser.calls
