"""The releases page."""

from __future__ import annotations

from dataclasses import dataclass

from releases.versions import is_version, version_key


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    notes: str = ""

    @property
    def prerelease(self) -> bool:
        return "-" in self.version


def newest_first(releases: list[Release]) -> list[Release]:
    """Releases sorted newest version first."""
    return sorted(releases, key=lambda release: version_key(release.version), reverse=True)


def latest_stable(releases: list[Release]) -> Release | None:
    """The newest release that is not a pre-release, or None."""
    stable = [release for release in newest_first(releases) if not release.prerelease]
    return stable[0] if stable else None


def page_lines(releases: list[Release]) -> list[str]:
    """One line per valid release, newest first: "1.2.0 (2024-01-05)"; invalid versions are skipped."""
    valid = [release for release in releases if is_version(release.version)]
    return [f"{release.version} ({release.date})" for release in newest_first(valid)]
