"""The function form through the real spine (replayed model, local sandbox): what the model is shown,
how its continuation becomes the function, and how candidates are checked and fed back."""

from __future__ import annotations

import json
from pathlib import Path

from support.parse_bool_repo import FILES, RIGHT, STILL_WRONG, VALUES, WRONG
from support.repos import events_of, git, make_repo, read_report, write_cassette

def _run(interns, repo: Path, cassette: Path, tmp_path: Path, *extra: str) -> tuple[object, dict]:
    report = tmp_path / "r.json"
    result = interns("run", "--sandbox", "local", "--replay", str(cassette), "--json", str(report), "--record", str(tmp_path / "asked.jsonl"), "--plain", *extra, cwd=repo)
    return result, read_report(report)


def _asked(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "asked.jsonl").read_text().splitlines()]


def test_a_bug_fix_shows_the_failing_assertion_and_the_model_writes_only_the_body(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        # the first prompt: the failing assertion of the code as it is, the current function, and an
        # answer that already starts with the function's header and docstring
        {"match": ["It fails:", "assert True is False", "The current `parse_bool`", "return bool(text)", "`parse_bool` goes here"], "response": WRONG},
        # the doctest caught it; the next attempt shows that candidate and its failure
        {"match": ["Your previous version of `parse_bool` failed", "!= 'false'", "Failed example"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path)
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["attempts"] == 2 and task["answers"] == 2
    first = _asked(tmp_path)[0]["messages"]
    assert first[-1]["role"] == "assistant" and first[-1]["content"].startswith("```python\ndef parse_bool(text: str) -> bool:\n")
    assert first[-1]["content"].rstrip().endswith('"""')  # the docstring is the model's own start
    merged = (repo / "appconfig/values.py")  # the user's tree is untouched; read the merge instead
    assert "return bool(text)" in merged.read_text()

    final = git(repo, "show", f"{report['integration_commit']}:appconfig/values.py")
    assert "raise ValueError(text)" in final and "def parse_int" in final and "return bool(text)" not in final


STUB_FILES = {**FILES, "appconfig/values.py": VALUES.replace("    return bool(text)\n", "    raise NotImplementedError\n")}
PLAIN = "Complete the following Python function."  # how the raw baseline asks (prompt_templates.toml [raw])


def test_a_stub_is_never_shown_and_broken_bodies_never_reach_the_sandbox(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", STUB_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": [PLAIN], "response": "    raise NotImplementedError\n```\n"},  # copies the stub: refused
        {"match": [PLAIN], "response": "    return (text\n```\n"},  # does not compile: refused
        {"match": [PLAIN], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--attempts", "1")
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["malformed_answers"] == 2 and task["answers"] == 3
    asked = _asked(tmp_path)
    assert all("NotImplementedError" not in message["content"] for message in asked[0]["messages"])
    assert [request["params"]["temperature"] for request in asked] == [0.0, 0.7, 0.7]  # a re-ask is never greedy
    events = events_of(repo, report["run_id"])
    assert sum(event.get("event") == "validating" for event in events) == 1  # only the good candidate ran


def test_an_implementation_is_first_asked_as_plainly_as_the_raw_model_then_with_the_file_and_tests(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", STUB_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": [PLAIN], "response": STILL_WRONG},  # the raw model's own answer: run like any candidate
        {"match": ["`parse_bool` goes here", "Tests that must pass"], "response": WRONG},
        {"match": ["`parse_bool` goes here", "Tests that must pass"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "3", "--attempts", "1")
    assert result.returncode == 0, result.stderr
    assert report["tasks"][0]["status"] == "merged"
    asked = _asked(tmp_path)
    plain = [request for request in asked if PLAIN in request["messages"][0]["content"]]
    assert len(plain) == 1 and plain[0]["params"]["temperature"] == 0.0  # the greedy sample, and only it
    assert [message["role"] for message in plain[0]["messages"]] == ["user", "assistant"]  # no system prompt, no file, no tests
    assert "TRUE_WORDS" not in plain[0]["messages"][0]["content"] and "def test_false" not in plain[0]["messages"][0]["content"]
    assert plain[0]["messages"][1]["content"].startswith("```python\ndef parse_bool(text: str) -> bool:\n")  # it writes only the body
    assert git(repo, "show", f"{report['integration_commit']}:appconfig/values.py").count("raise ValueError(text)") == 1


def test_plain_first_off_shows_every_sample_the_file_and_tests(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {**STUB_FILES, ".interns/config.toml": "[models]\nplain_first = false\n"})
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["`parse_bool` goes here", "Tests that must pass"], "response": RIGHT}])
    result, report = _run(interns, repo, cassette, tmp_path, "--attempts", "1")
    assert result.returncode == 0, result.stderr
    assert all(PLAIN not in request["messages"][-2]["content"] for request in _asked(tmp_path))


def test_identical_samples_are_run_once(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG},
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG.replace("\n```", "   \n```")},  # same code
        {"match": ["`parse_bool` goes here"], "response": STILL_WRONG},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "3", "--attempts", "1")
    assert result.returncode == 4, result.stderr
    assert report["tasks"][0]["answers"] == 3
    events = events_of(repo, report["run_id"])
    assert sum(event.get("event") == "validating" for event in events) == 1


def test_half_the_samples_of_a_bug_fix_are_not_shown_the_code_they_would_copy(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["`parse_bool` goes here"], "response": STILL_WRONG, "repeat": True}])
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "4", "--attempts", "1")
    assert result.returncode == 4, result.stderr
    shown = ["The current `parse_bool`" in request["messages"][1]["content"] for request in _asked(tmp_path)]
    assert shown == [True, True, False, False]
    assert all("It fails:" in request["messages"][1]["content"] for request in _asked(tmp_path))  # the failure is always told


def test_among_passing_repairs_the_least_change_is_kept(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    rewrite = "    word = text.strip().lower()\n    found = False\n    for true_word in TRUE_WORDS:\n        if word == true_word:\n            found = True\n    return found\n```\n"
    least = "    return text.strip().lower() in TRUE_WORDS\n```\n"
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": rewrite},  # passes too, but rewrites the function
        {"match": ["`parse_bool` goes here"], "response": least},
    ])
    # the ranking by docstring checks off: this is about the order candidates are validated in
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "2", "--attempts", "1", "--docstring-checks", "0")
    assert result.returncode == 0, result.stderr

    final = git(repo, "show", f"{report['integration_commit']}:appconfig/values.py")
    assert "return text.strip().lower() in TRUE_WORDS" in final and "found" not in final
    events = events_of(repo, report["run_id"])
    assert [event["sample"] for event in events if event.get("event") == "validating"] == [2]  # the smaller change ran first


def test_a_model_that_copies_the_buggy_code_is_asked_to_write_it_from_the_docstring(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["The current `parse_bool`"], "response": "    return bool(text)\n```\n"},  # the bug, copied back
        {"match": ["`parse_bool` goes here"], "response": RIGHT},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--attempts", "1")
    assert result.returncode == 0, result.stderr
    assert report["tasks"][0]["malformed_answers"] == 1
    first, second = (request["messages"][1]["content"] for request in _asked(tmp_path))
    assert "The current `parse_bool`" in first and "return bool(text)" in first
    assert "The current `parse_bool`" not in second and "It fails:" in second  # the failure is still told


PAGES_FILES = {
    "listing/__init__.py": "",
    "listing/pages.py": (
        "def page_count(total_items: int, per_page: int) -> int:\n"
        "    \"\"\"Pages needed to show `total_items` items, `per_page` per page.\"\"\"\n"
        "    if per_page < 1:\n        raise ValueError('per_page must be at least 1')\n"
        "    return total_items // per_page\n"
    ),
    "tests/test_pages.py": "from listing.pages import page_count\n\n\ndef test_a_last_partial_page() -> None:\n    assert page_count(10, 3) == 4\n",
    ".interns/specs/pages.md": """
        ---
        id: pages
        title: The last page is missing
        files: [listing/pages.py]
        accept: ["python -m pytest -q -p no:cacheprovider tests/test_pages.py"]
        budget: {attempts: 1}
        ---
        Ten items at three per page make four pages, not three.
        """,
}


def test_a_fix_that_passes_by_dropping_the_functions_guard_never_runs(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", PAGES_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        # passes the test, but page_count(3, 0) no longer raises: refused before the sandbox, told why
        {"match": ["The current `page_count`"], "response": "    if total_items == 0:\n        return 0\n    return -(-total_items // per_page)\n```\n"},
        {"match": ["The current `page_count`"], "response": "    if per_page < 1:\n        raise ValueError('per_page must be at least 1')\n    return -(-total_items // per_page)\n```\n"},
    ])
    result, report = _run(interns, repo, cassette, tmp_path)
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["answers"] == 2 and task["malformed_answers"] == 1
    events = events_of(repo, report["run_id"])
    refused = [event["error"] for event in events if event.get("event") == "malformed"]
    assert refused == ["`page_count`: it no longer raises ValueError, as the function did before; keep what it did and fix only what the failure shows"]
    assert len([event for event in events if event.get("event") == "validating"]) == 1  # only the second candidate ran

    final = git(repo, "show", f"{report['integration_commit']}:listing/pages.py")
    assert "raise ValueError" in final and "-(-total_items // per_page)" in final

RECEIPT_FILES = {
    "till/__init__.py": "",
    "till/money.py": "def to_cents(amount: str) -> int:\n    \"\"\"'12.34' -> 1234.\"\"\"\n    whole, _, frac = amount.partition('.')\n    return int(whole) * 100 + int((frac + '00')[:2])\n",
    "till/receipt.py": (
        "from till.money import to_cents\n\n\n"
        "def refund_total(amounts: list[str]) -> int:\n    \"\"\"The refund in cents: the sum of the amounts, as a negative number.\"\"\"\n"
        "    return sum(to_cents(amount) for amount in amounts)\n"
    ),
    "tests/test_refunds.py": "from till.receipt import refund_total\n\n\ndef test_refunds_are_negative() -> None:\n    assert refund_total(['1.50', '2.25']) == -375\n",
    ".interns/specs/refunds.md": """
        ---
        id: refunds
        title: Refunds add money to the till
        files: [till/money.py, till/receipt.py]
        accept: ["python -m pytest -q -p no:cacheprovider tests/test_refunds.py"]
        budget: {attempts: 3}
        ---
        A refund of two items shows as money taken in, not paid out. Find the cause and fix it.
        """,
}


def test_a_symptom_names_no_function_so_the_suspects_are_tried_in_turn(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", RECEIPT_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        # the first suspect: the helper the tested function calls (right here: the bug is not in it)
        {"match": ["`to_cents` goes here", "It fails:", "assert 375 == -375"], "response": "    return round(float(amount) * 100)\n```\n"},
        # the second: the function the test calls, asked afresh from the failure
        {"match": ["`refund_total` goes here", "It fails:"], "response": "    return -sum(to_cents(amount) for amount in amounts)\n```\n"},
    ])
    result, report = _run(interns, repo, cassette, tmp_path)
    assert result.returncode == 0, result.stderr
    task = report["tasks"][0]
    assert task["status"] == "merged" and task["attempts"] == 2
    first, second = (request["messages"][-1]["content"] for request in _asked(tmp_path))
    assert first.startswith("```python\ndef to_cents(") and second.startswith("```python\ndef refund_total(")
    assert "Your previous version" not in _asked(tmp_path)[1]["messages"][1]["content"]  # another function: no candidate of the first shown


CHECKS_ANSWER = (  # the model's continuation of the checks prefill ("def test_")
    "yes():\n    assert parse_bool(' YES ') is True\n\n\n"
    "def test_other_words():\n    with pytest.raises(ValueError):\n        parse_bool('maybe')\n```\n"
)


def test_among_passing_candidates_the_one_passing_most_docstring_checks_is_kept(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    lenient = "    return text.strip().lower() in TRUE_WORDS\n```\n"  # passes the test and the example; "maybe" is False
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": RIGHT},
        {"match": ["`parse_bool` goes here"], "response": lenient},
        {"match": ["Write pytest test functions for `parse_bool`"], "response": CHECKS_ANSWER},
        {"match": ["Write pytest test functions for `parse_bool`"], "response": "I would test it with several words."},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "2", "--attempts", "1", "--docstring-checks", "2")
    assert result.returncode == 0, result.stderr

    final = git(repo, "show", f"{report['integration_commit']}:appconfig/values.py")
    assert "raise ValueError(text)" in final  # the smaller change passed too, but broke a docstring rule
    ranked = [event for event in events_of(repo, report["run_id"]) if event.get("event") == "ranked"]
    assert len(ranked) == 1 and ranked[0]["checks"] == 2 and sorted(ranked[0]["scores"]) == [1, 2]
    asked = _asked(tmp_path)
    checks_prompts = [request for request in asked if request["meta"].get("purpose") == "docstring checks"]
    assert [request["params"]["temperature"] for request in checks_prompts] == [0.0, 0.7]
    assert checks_prompts[0]["messages"][-1]["content"].endswith("from appconfig.values import parse_bool\n\n\ndef test_")
    assert report["tasks"][0]["tokens"] == sum(request["usage"]["prompt_tokens"] + request["usage"]["completion_tokens"] for request in asked)


def test_without_docstring_checks_the_first_passing_candidate_is_kept(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    lenient = "    return text.strip().lower() in TRUE_WORDS\n```\n"
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["`parse_bool` goes here"], "response": RIGHT},
        {"match": ["`parse_bool` goes here"], "response": lenient},
    ])
    result, report = _run(interns, repo, cassette, tmp_path, "--best-of", "2", "--attempts", "1", "--docstring-checks", "0")
    assert result.returncode == 0, result.stderr

    final = git(repo, "show", f"{report['integration_commit']}:appconfig/values.py")
    assert "in TRUE_WORDS" in final and "ValueError" not in final  # the smaller change, validated first
    assert not any(request["meta"].get("purpose") == "docstring checks" for request in _asked(tmp_path))
