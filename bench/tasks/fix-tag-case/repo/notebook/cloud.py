"""The tag cloud on the notes overview page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from notebook.tags import split_tags


def tag_counts(notes_tags: Iterable[str]) -> dict[str, int]:
    """How many notes use each tag, given each note's tag field; most used first, ties alphabetical."""
    counts: Counter[str] = Counter()
    for field in notes_tags:
        counts.update(set(split_tags(field)))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def cloud_line(notes_tags: Iterable[str], limit: int = 10) -> str:
    """The cloud as one line: "travel (3), food (1)"."""
    counts = list(tag_counts(notes_tags).items())[:limit]
    return ", ".join(f"{tag} ({count})" for tag, count in counts)
