from releases.page import Release, latest_stable, newest_first, page_lines


def test_double_digit_minor() -> None:
    releases = [Release("1.9.0", "2024-01-01"), Release("1.10.0", "2024-03-01"), Release("1.2.0", "2023-05-01")]
    assert [r.version for r in newest_first(releases)] == ["1.10.0", "1.9.0", "1.2.0"]


def test_release_candidate_before_release() -> None:
    releases = [Release("2.0.0", "2024-06-01"), Release("2.0.0-rc1", "2024-05-01")]
    assert page_lines(releases) == ["2.0.0 (2024-06-01)", "2.0.0-rc1 (2024-05-01)"]
    assert latest_stable(releases) == releases[0]
