"""JSON mode: the answer always parses as JSON, without retries and without a grammar in the sampler.

The answer is prefilled with "{" (so it is an object) and the model's text is passed through a
character-level JSON checker: it keeps the longest prefix that is still valid JSON (raw control
characters inside strings are escaped instead of cut), drops everything from the first character that
cannot continue it, and at the end appends the shortest text that completes what is open (a string's
quote, a missing value as null, the closing brackets). The 0.5B model nearly always writes valid JSON
once it starts with "{"; this makes "nearly" into "always", at the price of a cut answer when it strays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PREFILL = "{"
_LITERALS = {"t": "true", "f": "false", "n": "null"}
_ESCAPES = set('"\\/bfnrtu')
_WHITESPACE = set(" \t\n\r")
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


@dataclass
class JsonPrefix:
    """Accepts the characters of one JSON value while they keep it valid; `completion()` closes it."""

    stack: list[str] = field(default_factory=list)  # "{" or "[" per open container
    state: str = "value"  # value | key_or_end | key | colon | comma_or_end | string | escape | unicode | number | literal | done
    is_key: bool = False  # the open string is an object key
    unicode_left: int = 0
    number: str = ""
    literal: str = ""  # the literal being written (true, false, null) and how much of it is written
    literal_at: int = 0
    value_after_comma: bool = False  # an array's value is expected right after a comma
    stopped: bool = False  # a character that cannot continue the value came: the rest is dropped

    def feed(self, text: str) -> str:
        """The part of `text` that keeps the value valid (possibly with escapes added); after the first
        bad character, or once the value is complete, nothing more is accepted."""
        out: list[str] = []
        if self.stopped:
            return ""
        for char in text:
            accepted = self._step(char)
            if accepted is None:
                self.stopped = True  # the state stays where it was: completion() closes from there
                break
            out.append(accepted)
        return "".join(out)

    @property
    def finished(self) -> bool:
        return self.stopped or self.state == "done"

    def completion(self) -> str:
        """The shortest text that makes what was accepted one complete JSON value."""
        tail = ""
        state = self.state
        if state == "unicode":
            tail += "0" * self.unicode_left
            state = "string"
        if state == "escape":
            tail += "\\"
            state = "string"
        if state == "string":
            tail += '"' + (": null" if self.is_key else "")
        elif state == "number":
            tail += "0" if self.number[-1] in "-+.eE" else ""
        elif state == "literal":
            tail += self.literal[self.literal_at :]
        elif state == "colon":
            tail += ": null"
        elif state == "key":
            tail += '"": null'  # after a comma a member must follow
        elif state == "value" and self.stack and (self.stack[-1] == "{" or self.value_after_comma):
            tail += "null"  # after a colon, or after an array's comma
        elif state == "value" and not self.stack:
            return "null"  # nothing at all was written
        for opened in reversed(self.stack):
            tail += "}" if opened == "{" else "]"
        return tail

    # ---- the automaton ---------------------------------------------------------------------------
    def _value_done(self) -> None:
        self.state = "comma_or_end" if self.stack else "done"

    def _step(self, char: str) -> str | None:
        state = self.state
        if state == "done":
            return None
        if state == "string":
            if char == '"':
                if self.is_key:
                    self.state = "colon"
                else:
                    self._value_done()
                return char
            if char == "\\":
                self.state = "escape"
                return char
            if ord(char) < 0x20:
                return _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")
            return char
        if state == "escape":
            if char not in _ESCAPES:
                return None
            if char == "u":
                self.state, self.unicode_left = "unicode", 4
            else:
                self.state = "string"
            return char
        if state == "unicode":
            if char not in "0123456789abcdefABCDEF":
                return None
            self.unicode_left -= 1
            if self.unicode_left == 0:
                self.state = "string"
            return char
        if state == "number":
            if self._number_accepts(char):
                self.number += char
                return char
            if self.number[-1] in "-+.eE":
                return None  # an unfinished number cannot end here
            self._value_done()
            return self._step(char)
        if state == "literal":
            if char != self.literal[self.literal_at]:
                return None
            self.literal_at += 1
            if self.literal_at == len(self.literal):
                self._value_done()
            return char
        if char in _WHITESPACE:
            return char
        if state == "value":
            return self._start_value(char)
        if state in ("key_or_end", "key"):
            if char == '"':
                self.state, self.is_key = "string", True
                return char
            if char == "}" and state == "key_or_end":
                return self._close("{")
            return None
        if state == "colon":
            if char == ":":
                self.state = "value"
                return char
            return None
        if state == "comma_or_end":
            if char == ",":
                self.state = "key" if self.stack[-1] == "{" else "value"
                self.value_after_comma = self.stack[-1] == "["
                return char
            if char in "}]":
                return self._close("{" if char == "}" else "[")
            return None
        return None

    def _start_value(self, char: str) -> str | None:
        if char == "]" and self.stack and self.stack[-1] == "[" and not self.value_after_comma:
            return self._close("[")  # an empty array
        if char not in '{["-0123456789' and char not in _LITERALS:
            return None
        self.value_after_comma = False
        if char == "{":
            self.stack.append("{")
            self.state = "key_or_end"
        elif char == "[":
            self.stack.append("[")
            self.state = "value"
        elif char == '"':
            self.state, self.is_key = "string", False
        elif char in "-0123456789":
            self.state, self.number = "number", char
        else:
            self.state, self.literal, self.literal_at = "literal", _LITERALS[char], 1
        return char

    def _close(self, opened: str) -> str | None:
        if not self.stack or self.stack[-1] != opened:
            return None
        self.stack.pop()
        self._value_done()
        return "}" if opened == "{" else "]"

    def _number_accepts(self, char: str) -> bool:
        """Whether `char` continues the number (JSON's grammar: -?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?)."""
        number = self.number
        last = number[-1]
        if char.isdigit() and char.isascii():
            integer = number.lstrip("-")
            return not (integer == "0")  # no digits after a leading zero
        if char == ".":
            return last.isdigit() and not any(mark in number for mark in ".eE")
        if char in "eE":
            return last.isdigit() and not any(mark in number for mark in "eE")
        if char in "+-":
            return last in "eE"
        return False
