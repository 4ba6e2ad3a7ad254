"""Textual's Header, minus a crash when a title change lands while the screen is being torn down."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.events import Mount
from textual.screen import Screen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from textual.dom import NoScreen


class QuietHeader(Header):
    """Header's own title watcher queries its title widget, which a quit (or a screen switch in
    the same tick) may already have removed; that raised NoMatches out of the app's exit."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # replaces Header._on_mount

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        screen: Screen = self.screen
        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(screen, "title", set_title)
        self.watch(screen, "sub_title", set_title)
