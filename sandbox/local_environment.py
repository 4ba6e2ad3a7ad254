"""The environment a `local` sandbox command gets: an allow-list of the parent's variables, never all of it.

The user's shell usually holds secrets (OPENAI_API_KEY, GITHUB_TOKEN, AWS_*, cloud credentials); a
command the model wrote must not read them. What passes is what a build or a test needs to find its
tools and behave as in the user's shell: the search path, the home folder, the locale, the terminal,
the active virtual environment and the Python settings that change how code is found or decoded.

Set-up commands (`pip install -e .`) also get the proxy and package-index variables, as on docker
(container_spec.SETUP_PASSTHROUGH_VARIABLES), plus the CA bundle variables; acceptance commands never do.
"""

from __future__ import annotations

from collections.abc import Mapping

from interns.sandbox.container_spec import SETUP_PASSTHROUGH_VARIABLES

# Exact names that pass to every command.
ALLOWED_VARIABLES: frozenset[str] = frozenset({
    # finding programs and the user's files
    "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TEMP", "TMP",
    # locale, time zone and terminal
    "LANG", "LANGUAGE", "TZ", "TERM", "COLORTERM", "NO_COLOR",
    # the active virtual environment (its bin/ is on PATH; tools read these to find it)
    "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV",
    # Python settings that change where code is found or how text is decoded
    "PYTHONPATH", "PYTHONHOME", "PYTHONUTF8", "PYTHONIOENCODING", "PYTHONDONTWRITEBYTECODE", "PYTHONNOUSERSITE",
    # test suites that behave differently in CI
    "CI",
})
# Name prefixes that pass (the locale categories: LC_ALL, LC_CTYPE, ...).
ALLOWED_PREFIXES: tuple[str, ...] = ("LC_",)
# Extra names for set-up commands only: they reach the package index.
SETUP_VARIABLES: tuple[str, ...] = (*SETUP_PASSTHROUGH_VARIABLES, "PIP_CERT", "PIP_FIND_LINKS", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")


def is_allowed(name: str) -> bool:
    return name in ALLOWED_VARIABLES or name.startswith(ALLOWED_PREFIXES)


def command_environment(parent: Mapping[str, str]) -> dict[str, str]:
    """The allow-listed part of `parent` (usually os.environ)."""
    return {name: value for name, value in parent.items() if is_allowed(name)}


def setup_environment(parent: Mapping[str, str]) -> dict[str, str]:
    """What set-up commands get on top of command_environment: proxy, index and CA variables."""
    return {name: parent[name] for name in SETUP_VARIABLES if parent.get(name)}


__all__ = ["ALLOWED_PREFIXES", "ALLOWED_VARIABLES", "SETUP_VARIABLES", "command_environment", "is_allowed", "setup_environment"]
