"""interns: a local-first multi-agent coding assistant (crisp specs in, validated git commits out).

This folder, `interns/`, is the root package `interns` (CLI, specs, config, reports, evaluation); every
other top-level code folder `X/` is its subpackage `interns.X`: `agents/` is `interns.agents`, `tools/`
`interns.tools`, and so on (setup.py's PACKAGE_ROOTS; README's Layout table).
"""

__version__ = "0.1.0"
