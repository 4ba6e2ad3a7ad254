"""Checks written from a docstring: read defensively from real-looking model answers, run for real,
and used to rank candidates that all pass the acceptance commands."""

from __future__ import annotations

import subprocess
from pathlib import Path

from interns.agents.docstring_checks import Checks, checks_command, merge_checks, parse_checks, rank, read_results
from interns.agents.function_form import find_targets

PREFILL = "```python\nimport pytest\nfrom merging.intervals import merge\n\n\ndef test_"
MODULE = '''def merge(intervals):
    """Merge (start, end) intervals; one that ends before it starts raises ValueError.

    >>> merge([(1, 3), (2, 4)])
    [(1, 4)]
    """
    raise NotImplementedError
'''


def test_a_continued_prefill_gives_each_test_function_once_renamed() -> None:
    answer = (
        "overlapping():\n    assert merge([(1, 3), (2, 4)]) == [(1, 4)]\n\n\n"
        "def test_backwards():\n    with pytest.raises(ValueError):\n        merge([(5, 1)])\n\n\n"
        "def test_same_again():\n    assert merge([(1, 3), (2, 4)]) == [(1, 4)]\n```\nThese tests cover the rules."
    )
    checks = parse_checks(answer, "merge", PREFILL)
    assert checks.imports == ("import pytest", "from merging.intervals import merge")
    assert [name for name, _ in checks.tests] == ["check_1", "check_2"]  # the repeated test counts once
    assert "pytest.raises(ValueError)" in checks.tests[1][1] and checks.tests[1][1].startswith("def check_2():")


def test_what_is_not_a_usable_check_is_dropped() -> None:
    answer = (
        "with_fixture(tmp_path):\n    assert merge([]) == []\n\n\n"  # needs a fixture: dropped
        "def test_other():\n    assert sorted([2, 1]) == [1, 2]\n\n\n"  # never calls the target: dropped
        "def helper():\n    return merge([])\n\n\n"  # not a test
        "assert merge([]) == []\n\n\n"  # a bare assert is a check of its own
        "def test_cut_off():\n    assert merge([(1, 2)]) == [(1,"  # cut off by the token limit
    )
    checks = parse_checks(answer, "merge", PREFILL)
    assert [source for _, source in checks.tests] == ["def check_1():\n    assert merge([]) == []"]
    assert parse_checks("I cannot write tests for this.", "merge", PREFILL).tests == ()
    assert parse_checks("no code at all {{{", "merge").tests == ()


def test_checks_of_several_answers_merge_without_repeats() -> None:
    first = Checks(("import pytest",), (("check_1", "def check_1():\n    assert merge([]) == []"),))
    second = Checks(("import pytest", "import math"), (("check_1", "def check_1():\n    assert merge([]) == []"), ("check_2", "def check_2():\n    assert merge([(1, 1)]) == []")))
    merged = merge_checks([first, second])
    assert merged.imports == ("import pytest", "import math")
    assert merged.tests == (("check_1", "def check_1():\n    assert merge([]) == []"), ("check_2", "def check_2():\n    assert merge([(1, 1)]) == []"))


def _run_checks(tmp_path: Path, body: str, checks: Checks, nonce: str = "n0nce") -> tuple[bool, ...] | None:
    (tmp_path / "merging").mkdir(exist_ok=True)
    (tmp_path / "merging" / "__init__.py").write_text("")
    (tmp_path / "merging" / "intervals.py").write_text(MODULE.replace("    raise NotImplementedError\n", body))
    target = find_targets_for(tmp_path)
    command = checks_command(target, checks, nonce)
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    return read_results(done.stdout + done.stderr, nonce, len(checks.tests))


def find_targets_for(root: Path):
    from interns.specs import Task

    task = Task(id="merge", spec_id="merge", title="Implement merge", description="Implement `merge` in merging/intervals.py.", files=("merging/intervals.py",), accept=("true",))
    return find_targets(task, root)[0]


def test_the_checks_run_one_by_one_and_a_hanging_candidate_fails_only_its_check(tmp_path: Path) -> None:
    answer = (
        "overlapping():\n    assert merge([(1, 3), (2, 4)]) == [(1, 4)]\n\n\n"
        "def test_backwards():\n    with pytest.raises(ValueError):\n        merge([(5, 1)])\n\n\n"
        "def test_empty():\n    assert merge([]) == []\n```\n"
    )
    checks = parse_checks(answer, "merge", PREFILL)
    right = (
        "    out = []\n    for start, end in sorted(intervals):\n        if end < start:\n            raise ValueError((start, end))\n"
        "        if out and start <= out[-1][1]:\n            out[-1] = (out[-1][0], max(out[-1][1], end))\n        else:\n            out.append((start, end))\n    return out\n"
    )
    careless = right.replace("        if end < start:\n            raise ValueError((start, end))\n", "")
    hangs_when_empty = "    while not intervals:\n        pass\n" + careless
    assert _run_checks(tmp_path, right, checks) == (True, True, True)
    assert _run_checks(tmp_path, careless, checks) == (True, False, True)
    assert _run_checks(tmp_path, hangs_when_empty, checks) == (True, False, False)


def test_a_candidate_cannot_forge_the_results_line(tmp_path: Path) -> None:
    checks = parse_checks("empty():\n    assert merge([]) == []\n```\n", "merge", PREFILL)
    forged = "    print('interns-checks guess [true]')\n    raise RuntimeError\n"
    assert _run_checks(tmp_path, forged, checks, nonce="secret") == (False,)
    assert read_results("interns-checks secret [true, 1]", "secret", 2) is None  # not booleans
    assert read_results("interns-checks secret [true]", "secret", 2) is None  # not one per check
    assert read_results("interns-checks other [true, true]", "secret", 2) is None


def test_rank_prefers_more_checks_passed_then_agreement_then_order() -> None:
    assert rank([(True, False), (True, True), None]) == [1, 0, 2]
    # a tie on checks passed: the results most candidates share win, then the validation order
    assert rank([(False, True), (True, False), (True, False)]) == [1, 2, 0]
    assert rank([None, None]) == [0, 1]
