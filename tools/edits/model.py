"""Edits parsed from a model answer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum


class EditKind(str, Enum):
    WHOLE_FILE = "whole_file"  # the complete new content of a file
    SEARCH_REPLACE = "search_replace"  # replace one exact snippet
    SYMBOL = "symbol"  # the new version of one function/class (large files)


@dataclass(frozen=True)
class Edit:
    path: str  # repository-relative, POSIX
    kind: EditKind
    content: str = ""  # WHOLE_FILE: the file; SYMBOL: the new code
    search: str = ""  # SEARCH_REPLACE only
    replace: str = ""  # SEARCH_REPLACE only
    symbol: str = ""  # SYMBOL only: "function" or "Class.method"


def edits_fingerprint(edits: list[Edit]) -> str:
    """A stable hash of an edit set, to notice a model that repeats itself."""
    digest = hashlib.sha256()
    for edit in sorted(edits, key=lambda e: (e.path, e.kind.value, e.symbol, e.search)):
        for part in (edit.path, edit.kind.value, edit.symbol, edit.content.strip(), edit.search.strip(), edit.replace.strip()):
            digest.update(part.encode())
            digest.update(b"\0")
    return digest.hexdigest()


def contents_fingerprint(contents: dict[str, str]) -> str:
    """Candidates that write the same files with the same code (up to trailing white space) share a
    fingerprint: whatever edit form produced them, they are run once."""
    digest = hashlib.sha256()
    for path in sorted(contents):
        digest.update(path.encode() + b"\0")
        digest.update("\n".join(line.rstrip() for line in contents[path].strip().split("\n")).encode() + b"\0")
    return digest.hexdigest()


class MalformedAnswer(ValueError):
    """The answer could not be turned into edits; the message goes back to the model."""
