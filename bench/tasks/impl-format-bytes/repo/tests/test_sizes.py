from diskreport.report import usage_line
from diskreport.sizes import format_bytes


def test_bytes() -> None:
    assert format_bytes(512) == "512 B"


def test_kib() -> None:
    assert format_bytes(1536) == "1.5 KiB"


def test_usage_line() -> None:
    assert usage_line("/data", 5 * 1024**3, 8 * 1024**4) == "/data: 5.0 GiB of 8.0 TiB"
