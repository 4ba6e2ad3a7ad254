from newsdigest.frequency import word_frequencies


def test_sentence() -> None:
    assert word_frequencies("The cat and the hat.") == {"the": 2, "cat": 1, "and": 1, "hat": 1}
