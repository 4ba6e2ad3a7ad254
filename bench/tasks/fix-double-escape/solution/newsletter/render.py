"""Rendering the newsletter."""

from __future__ import annotations

from dataclasses import dataclass

from newsletter.markup import element, text


@dataclass(frozen=True)
class Member:
    name: str
    city: str
    joined: int


def member_card(member: Member) -> str:
    """One new member as HTML: <li class="member"><b>name</b> from city (since year)</li>."""
    inner = f"{element('b', text(member.name))} from {text(member.city)} (since {member.joined})"
    return element("li", inner, **{"class": "member"})


def new_members_section(members: list[Member]) -> str:
    """The "New members" section: a heading and a list of member cards, sorted by name."""
    cards = "".join(member_card(member) for member in sorted(members, key=lambda m: m.name.lower()))
    return element("h2", "New members") + element("ul", cards)


def newsletter(title: str, members: list[Member]) -> str:
    """The whole newsletter body."""
    return element("h1", text(title)) + new_members_section(members)
