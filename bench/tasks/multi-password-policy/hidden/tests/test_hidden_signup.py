from signup.classes import char_classes
from signup.policy import password_problems


def test_classes_edges() -> None:
    assert char_classes("") == set()
    assert char_classes("éÉ 😀\t") == set()
    assert char_classes("~`[]") == {"symbol"}
    assert char_classes("Z9") == {"upper", "digit"}


def test_policy_edges() -> None:
    assert password_problems("abcdefghij", "zed") == ["needs 3 kinds of characters"]
    assert password_problems("Ab1Ab1Ab1", "xy") == ["too short"]
    assert password_problems("Ab1Ab1Ab1Ab1", "ab") == []
    assert password_problems("my-BOBBY-pass-1", "bobby") == ["contains the user name"]
    assert password_problems("ééééééééééééA1!", "x") == []
