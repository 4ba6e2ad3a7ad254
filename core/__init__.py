"""interns: a local-first multi-agent coding assistant (crisp specs in, validated git commits out).

This folder, `core/`, is the package `interns` itself (CLI, specs, config, reports, evaluation); the
other top-level folders are its subpackages: `agents/` is `interns.agents`, `tools/` `interns.tools`,
`sandbox/` `interns.sandbox`, `tui/` `interns.tui`, `local_model/` `interns.local_model` (setup.py's
PACKAGE_ROOTS; README's Layout table).
"""

__version__ = "0.1.0"
