from signup.classes import char_classes


def test_classes() -> None:
    assert char_classes("aB3!") == {"lower", "upper", "digit", "symbol"}
    assert char_classes("abc def") == {"lower"}
