"""Searching a set of notes."""

from __future__ import annotations

from collections.abc import Mapping

from notesearch.match import matching_lines


def search_notes(notes: Mapping[str, str], word: str, ignore_case: bool = False) -> list[str]:
    """"<note>:<line number>: <line>" hits in every note (notes in sorted order)."""
    hits = []
    for name in sorted(notes):
        for number, line in matching_lines(notes[name].splitlines(), word, ignore_case=ignore_case):
            hits.append(f"{name}:{number}: {line}")
    return hits
