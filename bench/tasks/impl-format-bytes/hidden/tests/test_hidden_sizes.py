import pytest

from diskreport.sizes import format_bytes


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1024**2, "1.0 MiB"),
        (3 * 1024**2 + 512 * 1024, "3.5 MiB"),
        (10 * 1024**4, "10.0 TiB"),
        (1024**5, "1024.0 TiB"),
    ],
)
def test_sizes(size: int, text: str) -> None:
    assert format_bytes(size) == text


def test_negative() -> None:
    with pytest.raises(ValueError):
        format_bytes(-1)
