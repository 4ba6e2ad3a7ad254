"""Small HTML helpers."""

from __future__ import annotations

from html import escape


def text(value: str) -> str:
    """`value` escaped for use as HTML text or inside a double-quoted attribute."""
    return escape(value, quote=True)


def element(tag: str, inner_html: str, **attributes: str) -> str:
    """<tag attr="...">inner_html</tag>; `inner_html` is already HTML, attribute values are escaped."""
    attrs = "".join(f' {name}="{text(value)}"' for name, value in sorted(attributes.items()))
    return f"<{tag}{attrs}>{inner_html}</{tag}>"
