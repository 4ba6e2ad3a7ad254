"""The edit protocol: parse a model's answer into file edits, check their scope, apply them."""

from interns.tools.edits.model import Edit, EditKind, MalformedAnswer
from interns.tools.edits.parser import parse_answer
from interns.tools.edits.apply import apply_edits, ApplyError, check_scope

__all__ = ["Edit", "EditKind", "MalformedAnswer", "parse_answer", "apply_edits", "ApplyError", "check_scope"]
