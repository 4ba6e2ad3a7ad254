"""The terminal UI (Textual): pick specs, watch the interns work, read diffs, decide merges.

Entry points: `interns.tui.command:tui` (the `interns tui` command) and
`interns.tui.command:launch_without_arguments` (a bare `interns` inside a repository).
"""
