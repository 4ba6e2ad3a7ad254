import pytest

from tags.exif import camera_info
from tags.labels import user_labels


def test_camera_info() -> None:
    assert camera_info("Make=Fuji; Model = X-T5;; ISO=400") == {"make": "Fuji", "model": "X-T5"}


def test_user_labels() -> None:
    assert user_labels("Trip=Rome;year=2024") == ["trip:Rome", "year:2024"]


def test_broken_part() -> None:
    with pytest.raises(ValueError):
        user_labels("a=1;b")
