"""Loading "key = value" configuration files."""

from __future__ import annotations

from svcconfig.validation import validate_host, validate_port


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
