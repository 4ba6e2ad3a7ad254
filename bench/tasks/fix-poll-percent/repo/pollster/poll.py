"""A poll and its votes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pollster.shares import whole_percents


@dataclass
class Poll:
    question: str
    options: list[str]
    votes: Counter[str] = field(default_factory=Counter)
    voters: set[str] = field(default_factory=set)

    def vote(self, voter: str, option: str) -> None:
        """Record one vote; each voter votes once, for a known option."""
        if option not in self.options:
            raise ValueError(f"unknown option {option!r}")
        if voter in self.voters:
            raise ValueError(f"{voter} already voted")
        self.voters.add(voter)
        self.votes[option] += 1

    def results(self) -> list[tuple[str, int, int]]:
        """(option, votes, percent) for every option, in the poll's order."""
        counts = [self.votes[option] for option in self.options]
        return list(zip(self.options, counts, whole_percents(counts)))

    def results_page(self) -> str:
        """The results as text: the question, then "option: n votes (p %)" lines."""
        lines = [self.question]
        lines += [f"{option}: {count} votes ({percent} %)" for option, count, percent in self.results()]
        return "\n".join(lines)
