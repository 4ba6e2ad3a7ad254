"""Text made safe for an XML 1.0 document (the JUnit report): what CI tools would choke on is removed.

Command output carries terminal escapes (`tput sgr0` writes `\\x1b(B\\x1b[m`), other C0 controls, lone
surrogates (bytes decoded with `surrogateescape`) and non-characters (U+FFFE, U+FFFF). None of them is
allowed in XML 1.0, and an XML parser rejects the whole file for one of them, so a report with a single
`tput` line would break the CI job that reads it.
"""

from __future__ import annotations

import re

# ANSI/VT100 escape sequences: CSI (colours, cursor), OSC (titles, links), charset designations (`ESC ( B`).
_ESCAPE_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()*+][0-9A-Za-z]|\x1b[@-Z\\-_]")
# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_NOT_XML_CHARACTERS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` without terminal escape sequences and without any character XML 1.0 forbids."""
    return _NOT_XML_CHARACTERS.sub("", _ESCAPE_SEQUENCES.sub("", text))


__all__ = ["xml_safe"]
