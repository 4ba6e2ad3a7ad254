from svcconfig import loader, validation


def test_validators_live_in_validation() -> None:
    assert validation.validate_port("80") == 80
    assert validation.validate_host(" Example.com ") == "example.com"
    assert loader.validate_port is validation.validate_port
    assert loader.validate_host is validation.validate_host
