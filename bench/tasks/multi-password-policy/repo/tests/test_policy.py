from signup.policy import password_problems


def test_good_password() -> None:
    assert password_problems("correct-Horse7", "kim") == []


def test_everything_wrong() -> None:
    assert password_problems("annabc", "Anna") == ["too short", "needs 3 kinds of characters", "contains the user name"]
