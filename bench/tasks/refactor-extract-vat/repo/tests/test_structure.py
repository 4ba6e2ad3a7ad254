from pathlib import Path

from billing import tax

ROOT = Path(__file__).resolve().parents[1]


def test_tax_module() -> None:
    assert tax.VAT_RATE == 0.2
    assert tax.with_vat(100.0) == 120.0


def test_no_duplicated_rate() -> None:
    for name in ("lines.py", "totals.py"):
        source = (ROOT / "billing" / name).read_text()
        assert "1.2" not in source, name
        assert "with_vat" in source, name
