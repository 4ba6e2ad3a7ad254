"""Glossaries: "term = translation" lines."""

from __future__ import annotations

from pathlib import Path

from glossary.files import read_lines


def load_glossary(path: Path, encoding: str = "utf-8") -> dict[str, str]:
    """{term: translation} from a glossary file; blank lines and "#" comments are skipped."""
    terms = {}
    for line in read_lines(path, encoding=encoding):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term, _, translation = line.partition("=")
        terms[term.strip()] = translation.strip()
    return terms
