"""The real model, through our int4 engine, answers a simple coding request with code that runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from interns.local_model.chat import chat_messages, format_chat
from interns.local_model.generate import generate
from interns.local_model.sampling import SamplingParams

pytestmark = pytest.mark.model

CHECK = """
import math
assert {name}([1, 2, 3]) == 14
assert {name}([]) == 0
assert {name}([-2, 5]) == 29
assert math.isclose({name}([0.5, 1.5]), 2.5)
print("ok")
"""


def extract_code(answer: str) -> str:
    blocks = re.findall(r"```(?:python|py)?\s*\n(.*?)```", answer, flags=re.DOTALL)
    return max(blocks, key=len) if blocks else answer


def test_writes_a_working_sum_of_squares(int4_engine, tmp_path) -> None:
    request = "Write a Python function `sum_of_squares(numbers)` that returns the sum of the squares of a list of numbers."
    prompt = format_chat(chat_messages(request), int4_engine.tokenizer.chat_template)
    result = generate(int4_engine, int4_engine.tokenizer.encode(prompt), SamplingParams(max_tokens=200))
    code = extract_code(result.text)
    assert "def sum_of_squares" in code, result.text
    script = tmp_path / "answer.py"
    script.write_text(code + "\n" + CHECK.format(name="sum_of_squares"))
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.strip().endswith("ok"), (result.text, run.stderr)
