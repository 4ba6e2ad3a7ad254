import ast
from pathlib import Path

import pytest

from svcconfig import loader, validation
from svcconfig.loader import load_config


def test_loader_defines_no_validators() -> None:
    tree = ast.parse(Path(loader.__file__).read_text())
    defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert not defined & {"validate_port", "validate_host"}


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_port_range(port: str) -> None:
    with pytest.raises(ValueError):
        validation.validate_port(port)


def test_port_bounds_ok() -> None:
    assert validation.validate_port("1") == 1 and validation.validate_port("65535") == 65535


@pytest.mark.parametrize("host", ["", "  ", "a b"])
def test_bad_hosts(host: str) -> None:
    with pytest.raises(ValueError):
        validation.validate_host(host)


def test_loader_behaviour() -> None:
    assert load_config("") == {}
    assert load_config("host=DB\n\n  # x\nretries = 3") == {"host": "db", "retries": "3"}
    with pytest.raises(ValueError):
        load_config("host = two words")
