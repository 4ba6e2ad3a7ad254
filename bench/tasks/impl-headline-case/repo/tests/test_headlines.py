from pressroom.headlines import headline
from pressroom.teaser import teaser


def test_small_words() -> None:
    assert headline("the war of   the worlds") == "The War of the Worlds"


def test_teaser() -> None:
    assert teaser("rain in the north", "Heavy rain is expected tonight", words=3) == "Rain in the North: Heavy rain is…"
