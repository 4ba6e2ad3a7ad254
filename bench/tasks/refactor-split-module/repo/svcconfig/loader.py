"""Loading "key = value" configuration files."""

from __future__ import annotations


def validate_port(value: str) -> int:
    """A TCP port number between 1 and 65535."""
    port = int(value)
    if not 1 <= port <= 65535:
        raise ValueError(f"port out of range: {port}")
    return port


def validate_host(value: str) -> str:
    """A host name: non-empty, no spaces, lower-cased."""
    host = value.strip().lower()
    if not host or " " in host:
        raise ValueError(f"bad host: {value!r}")
    return host


def load_config(text: str) -> dict[str, object]:
    """Parse "key = value" lines (blank lines and # comments skipped); host and port are validated."""
    config: dict[str, object] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if key == "port":
            config[key] = validate_port(value)
        elif key == "host":
            config[key] = validate_host(value)
        else:
            config[key] = value
    return config
