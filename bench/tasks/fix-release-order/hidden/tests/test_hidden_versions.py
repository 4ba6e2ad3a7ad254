import pytest

from releases.versions import version_key


def test_full_ordering() -> None:
    versions = ["0.9", "1.0.0-alpha1", "1.0.0-alpha2", "1.0.0-beta1", "1.0.0-rc1", "1.0.0-rc2", "1.0.0", "1.0.1", "1.2", "1.10", "v2.0", "10.0"]
    shuffled = versions[::-1][3:] + versions[::-1][:3]
    assert sorted(shuffled, key=version_key) == versions


def test_missing_parts_equal() -> None:
    assert version_key("1.2") == version_key("1.2.0") == version_key("v1.2.0.0")


def test_rc10_after_rc9() -> None:
    assert version_key("3.0-rc10") > version_key("3.0-rc9")


@pytest.mark.parametrize("text", ["", "1.x", "one", "1.0-gamma1"])
def test_not_versions(text: str) -> None:
    with pytest.raises(ValueError):
        version_key(text)
