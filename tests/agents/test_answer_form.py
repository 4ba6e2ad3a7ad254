"""What the intern asks its model for: one named function (a symbol edit) or the whole file."""

from __future__ import annotations

from pathlib import Path

from support.repos import git, make_repo, read_report, write_cassette

from interns.agents.prompts import answer_form
from interns.specs import Task

MASKING = '''"""Hiding personal data."""

from __future__ import annotations

import re

_AT = re.compile("@")


class Masker:
    def apply(self, text):
        return text


def mask_email(address: str) -> str:
    """Keep the first and last character of the local part."""
    raise NotImplementedError


def mask_phone(number: str) -> str:
    return number
'''
SPEC = """
---
id: mask
title: Mask e-mail addresses
files: [customerdb/masking.py]
accept: ["python -c 'from customerdb.masking import mask_email as m; assert m(\\"john@x.org\\") == \\"j**n@x.org\\"'"]
---
Implement `mask_email(address)` following its docstring.
"""


def task(description: str, title: str = "Masking") -> Task:
    return Task(id="t", spec_id="t", title=title, description=description, files=("customerdb/masking.py",), accept=("true",))


def test_a_named_function_is_asked_for_alone(tmp_path: Path) -> None:
    (tmp_path / "customerdb").mkdir()
    (tmp_path / "customerdb" / "masking.py").write_text(MASKING)
    form = answer_form(task("Implement `mask_email(address)` following its docstring."), tmp_path, ())
    assert "customerdb/masking.py::mask_email\n```python\ndef mask_email(address: str) -> str:\n" in form
    assert "repeats the code unchanged fails" in form and "<the complete new content" not in form
    method = answer_form(task("Make Masker.apply() hide e-mails."), tmp_path, ())
    assert "customerdb/masking.py::Masker.apply\n```python\ndef apply(self, text):\n" in method
    # nothing named, or more than two functions: the whole file
    for description in ("Hide personal data better.", "Fix `mask_email`, `mask_phone` and `Masker.apply`."):
        whole = answer_form(task(description), tmp_path, ())
        assert "customerdb/masking.py\n```python\n<the complete new content of customerdb/masking.py>\n```" in whole


def test_the_function_alone_lands_and_the_rest_of_the_file_stays(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"customerdb/__init__.py": "", "customerdb/masking.py": MASKING, ".interns/specs/mask.md": SPEC})
    body = (  # the function form: the model's answer continues the prefilled header with the body
        "    local, domain = address.split(\"@\")\n"
        "    return local[0] + \"*\" * (len(local) - 2) + local[-1] + \"@\" + domain\n```\n"
    )
    # the first, greedy answer is asked plainly (`models.plain_first`): the header is in every prompt
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["def mask_email(address: str) -> str:"], "response": body}])
    result = interns("run", "--sandbox", "local", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), "--plain", cwd=repo)
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    merged = git(repo, "show", f"{report['integration_commit']}:customerdb/masking.py")
    assert "import re" in merged and "class Masker:" in merged and "def mask_phone" in merged
    assert 'local[0] + "*" * (len(local) - 2)' in merged and "NotImplementedError" not in merged
    assert '"""Keep the first and last character of the local part."""' in merged  # the docstring it was given
