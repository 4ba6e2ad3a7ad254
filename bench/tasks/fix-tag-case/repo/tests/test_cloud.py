from notebook.cloud import cloud_line, tag_counts


def test_counts_per_note() -> None:
    assert tag_counts(["food, travel", "travel", "travel, travel"]) == {"travel": 3, "food": 1}


def test_same_tag_typed_differently() -> None:
    assert cloud_line(["Road Trip", "#road trip, food", " road-trip "]) == "road-trip (3), food (1)"
