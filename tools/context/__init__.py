"""Focused context for big files and big repositories.

`build_context` chooses what an intern's model sees for a task within a token budget: the spec, each
in-scope file whole or as its relevant definitions (+ imports and neighbour signatures), a repository
map of the rest, and the trimmed failure of the previous attempt last (so the prefix stays cached).
"""

from interns.tools.context.builder import ContextResult, build_context, build_whole_files_context
from interns.tools.context.failure_output import failure_output_for, tail_of_output, trim_failure_output

__all__ = ["ContextResult", "build_context", "build_whole_files_context", "failure_output_for", "tail_of_output", "trim_failure_output"]
