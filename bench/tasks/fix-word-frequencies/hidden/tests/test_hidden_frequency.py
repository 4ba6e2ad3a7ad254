from newsdigest.frequency import word_frequencies


def test_apostrophes() -> None:
    assert word_frequencies("Don't stop; DON'T!") == {"don't": 2, "stop": 1}


def test_punctuation_without_spaces() -> None:
    assert word_frequencies("end.Start,end") == {"end": 2, "start": 1}


def test_digits() -> None:
    assert word_frequencies("Route 66 and route 66") == {"route": 2, "66": 2, "and": 1}


def test_empty() -> None:
    assert word_frequencies("  ... ") == {}


def test_hyphen_separates() -> None:
    assert word_frequencies("well-known") == {"well": 1, "known": 1}
