"""The context builder and the failure trimmer, on a real repository holding a ~5,000-line module."""

from __future__ import annotations

import ast
import asyncio.locks
import bisect
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interns.globs import matches_any
from interns.specs import Task
from interns.tools.context import build_context, build_whole_files_context, failure_output_for, tail_of_output, trim_failure_output
from interns.tools.edits import parse_answer
from interns.tools.edits.apply import plan_edits, write_contents
from interns.tools.symbols import extract_symbols, find_symbol, splice_symbol
from support.big_module import make_big_module, parse_duration_answer
from support.stdlib import stdlib_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tools"
TOKEN = re.compile(r"\w+|[^\w\s]")
ACCEPT = "python -m pytest -q -p no:cacheprovider tests/test_inventory.py"
TEST_FILE = '''import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inv.inventory import parse_duration


def test_parse_duration():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("45s") == 45
    assert parse_duration("2h") == 7200
'''
# what a model answers for the parse_duration task (replayed, as a cassette would)
MODEL_ANSWER = "I will implement the function.\n\n" + parse_duration_answer("src/inv/inventory.py")


def count_tokens(text: str) -> int:
    return len(TOKEN.findall(text))


def make_task(description: str, files: tuple[str, ...] = ("src/inv/inventory.py",), context: tuple[str, ...] = (), accept: tuple[str, ...] = (ACCEPT,)) -> Task:
    return Task(id="task", spec_id="task", title=description.split(". ")[0], description=description, files=files, context=context, accept=accept)


DURATION_TASK = make_task(
    "Implement parse_duration. `parse_duration(text)` in src/inv/inventory.py returns the number of seconds in a "
    'duration such as "1h30m" or "45s"; the units are in UNITS.'
)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def make_repo(tmp_path: Path) -> Path:
    (tmp_path / "src" / "inv").mkdir(parents=True)
    (tmp_path / "src" / "inv" / "__init__.py").write_text("")
    (tmp_path / "src" / "inv" / "inventory.py").write_text(make_big_module())
    (tmp_path / "src" / "inv" / "wrap.py").write_bytes(stdlib_source(textwrap).encode())
    (tmp_path / "src" / "inv" / "search.py").write_bytes(stdlib_source(bisect).encode())
    (tmp_path / "src" / "inv" / "locks.py").write_bytes(stdlib_source(asyncio.locks).encode())
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "cache.js").write_bytes((FIXTURES / "sample.js").read_bytes())
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "store.go").write_bytes((FIXTURES / "sample.go").read_bytes())
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_inventory.py").write_text(TEST_FILE)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nDurations are written like 1h30m.\n")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    return tmp_path


def quick_env() -> dict[str, str]:
    # the project's venv has many pytest plugins; loading them all takes seconds on a busy machine
    return {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}


def run_acceptance(repo: Path, command: str = ACCEPT) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command)
    words[0] = sys.executable if words[0] == "python" else words[0]
    return subprocess.run(words, cwd=repo, capture_output=True, text=True, timeout=300, env=quick_env())


@pytest.fixture(scope="module")
def failing_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The acceptance output of the untouched repository (parse_duration is a stub)."""
    result = run_acceptance(make_repo(tmp_path_factory.mktemp("failing")))
    assert result.returncode != 0 and "NotImplementedError" in result.stdout
    return result.stdout


def top_level(source: str) -> list:
    return [symbol for symbol in extract_symbols(source, "m.py") if symbol.parent is None]


# ---------------------------------------------------------------- the big module


def test_prompt_for_one_function_of_a_5000_line_module_stays_small(repo: Path) -> None:
    result = build_context(DURATION_TASK, repo, count_tokens, budget_tokens=2000)
    source = (repo / "src" / "inv" / "inventory.py").read_text()
    total_lines = source.count("\n")
    assert total_lines > 5000
    assert result.prompt_tokens == count_tokens(result.text) <= 2000
    assert result.prompt_tokens < count_tokens(source) / 20
    # the function in full, the imports, the constant the spec names
    target = find_symbol(source, "parse_duration")
    body = "\n".join(source.splitlines()[target.start_line - 1 : target.end_line])
    assert body in result.text
    assert "import functools\n" in result.text
    assert 'UNITS = {"h": 3600, "m": 60, "s": 1}' in result.text
    # neighbours as one-line signatures, the rest elided behind markers
    roots = top_level(source)
    position = next(index for index, symbol in enumerate(roots) if symbol.name == "parse_duration")
    for neighbour in roots[position - 2 : position] + roots[position + 1 : position + 3]:
        assert f"\n{neighbour.signature}\n" in result.text
    far = roots[position + 10]
    assert far.name not in result.text
    assert len(re.findall(r"# \.\.\. \d+ definitions not shown \(lines \d+-\d+\)", result.text)) == 2
    assert "PARTIAL VIEW" in result.text and "symbol edits" in result.text
    report = result.files["src/inv/inventory.py"]
    assert report.startswith("symbols: parse_duration (") and report.endswith(f"of {total_lines} lines)")
    assert result.partial_files == ("src/inv/inventory.py",)
    # the acceptance test is shown whole; the rest of the repo as a map
    assert result.files["tests/test_inventory.py"] == "whole"
    wrap_names = [node.name for node in ast.parse(stdlib_source(textwrap)).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert wrap_names[:3] == ["TextWrapper", "wrap", "fill"]
    assert f"src/inv/wrap.py: {', '.join(dict.fromkeys(wrap_names))}\n" in result.text
    assert "store/store.go: Store, New, normalize" in result.text
    assert "web/cache.js: loadJson, formatName, slugify, Cache" in result.text
    assert "logo.png" not in result.text and "guide.md" not in result.text
    assert result.map_files >= 5


def test_same_task_gives_the_same_prefix_and_feedback_goes_last(repo: Path, failing_output: str) -> None:
    first = build_context(DURATION_TASK, repo, count_tokens, 2000)
    again = build_context(DURATION_TASK, repo, count_tokens, 2000)
    assert first.text == again.text and first.feedback == ""
    with_feedback = build_context(DURATION_TASK, repo, count_tokens, 2000, feedback=failing_output)
    other_feedback = build_context(DURATION_TASK, repo, count_tokens, 2000, feedback="exit code 1\nsomething else broke\n")
    assert with_feedback.prefix == other_feedback.prefix == first.text
    assert with_feedback.text == first.text + with_feedback.feedback
    assert "## The previous attempt failed" in with_feedback.feedback
    assert "NotImplementedError" in with_feedback.feedback
    assert "test session starts" not in with_feedback.feedback
    assert with_feedback.prompt_tokens <= 2000
    assert with_feedback.files == first.files


def test_feedback_shows_the_code_the_failure_points_at(repo: Path, failing_output: str) -> None:
    # a folder as the acceptance target: no test file whose names would pull parse_duration in
    task = make_task("Make `price_with_tax_1` round to whole cents.", accept=("python -m pytest -q tests",))
    result = build_context(task, repo, count_tokens, 2000, feedback=failing_output)
    assert result.files["src/inv/inventory.py"].startswith("symbols: price_with_tax_1 (")
    assert "def parse_duration" not in result.prefix
    assert "src/inv/inventory.py::parse_duration (lines" in result.feedback
    assert 'raise NotImplementedError("parse_duration")' in result.feedback
    assert result.prompt_tokens <= 2000


def test_replayed_symbol_edit_lands_on_exactly_that_function(repo: Path) -> None:
    path = repo / "src" / "inv" / "inventory.py"
    before = path.read_bytes()
    context = build_context(DURATION_TASK, repo, count_tokens, 2000)
    assert "src/inv/inventory.py" in context.partial_files
    edits = parse_answer(MODEL_ANSWER)
    assert [(edit.path, edit.symbol) for edit in edits] == [("src/inv/inventory.py", "parse_duration")]
    assert all(matches_any(edit.path, DURATION_TASK.files) for edit in edits)
    write_contents(repo, plan_edits(repo, edits, splice_symbol=splice_symbol))
    after = path.read_bytes()
    target = find_symbol(before.decode(), "parse_duration")
    old_lines = before.splitlines(keepends=True)
    prefix = b"".join(old_lines[: target.start_line - 1])
    suffix = b"".join(old_lines[target.end_line :])
    assert after.startswith(prefix) and after.endswith(suffix)
    assert b"int(amount) * UNITS[unit]" in after[len(prefix) : len(after) - len(suffix)]
    passed = run_acceptance(repo)
    assert passed.returncode == 0, passed.stdout


def test_a_named_method_shows_its_class_header_fields_and_neighbours(repo: Path) -> None:
    task = make_task("Fix `Warehouse11.add`: adding a negative quantity must raise ValueError.")
    result = build_context(task, repo, count_tokens, 2000)
    text = result.text
    assert "class Warehouse11:\n" in text
    assert "    capacity = 11 * 10\n" in text
    assert "    def add(self, item: str, quantity: int = 1) -> None:\n        # quantities never go below zero\n" in text
    assert "    @classmethod\n    def empty(cls, name: str) -> \"Warehouse11\": ...\n" in text
    assert "    @property\n    def size(self) -> int: ...\n    @size.setter\n" in text
    assert result.files["src/inv/inventory.py"].startswith("symbols: Warehouse11.add, parse_duration (")
    assert "class Warehouse4:" not in text and "class Warehouse18:" not in text


# ---------------------------------------------------------------- small files, scope, budget


def test_small_files_whole_new_files_named_and_large_context_files_focused(repo: Path) -> None:
    task = make_task(
        "Add `bisect_middle` to src/inv/search.py and a helper module; reuse `dedent` from wrap.py.",
        files=("src/inv/search.py", "src/inv/new_helpers.py"),
        context=("src/inv/wrap.py", "assets/*", "docs/*.md"),
        accept=("python -c 'import sys'",),
    )
    result = build_context(task, repo, count_tokens, 4000)
    assert result.files["src/inv/search.py"] == "whole"
    assert (repo / "src" / "inv" / "search.py").read_text().rstrip("\n") in result.text
    assert result.files["src/inv/new_helpers.py"] == "new file"
    assert "### src/inv/new_helpers.py (may change; does not exist yet" in result.text
    assert result.files["src/inv/wrap.py"].startswith("symbols: dedent (")
    assert result.files["assets/logo.png"] == "skipped (binary)"
    assert result.files["docs/guide.md"] == "whole"
    assert result.partial_files == ()
    assert result.prompt_tokens <= 4000
    assert result.text.index("src/inv/search.py (may change") < result.text.index("src/inv/wrap.py (read only")


def test_whole_files_baseline_shows_every_file_whole_without_map_or_budget(repo: Path) -> None:
    """`context = "whole"`: the naive baseline the focused context is measured against."""
    task = make_task("Implement parse_duration.", context=("src/inv/wrap.py", "assets/*"))
    result = build_whole_files_context(task, repo, count_tokens, 2000)
    source = (repo / "src" / "inv" / "inventory.py").read_text()
    assert source.rstrip("\n") in result.text and "PARTIAL VIEW" not in result.text
    assert (repo / "src" / "inv" / "wrap.py").read_text().rstrip("\n") in result.text
    assert result.files == {"src/inv/inventory.py": "whole", "src/inv/wrap.py": "whole", "assets/logo.png": "skipped (binary)"}
    assert "Repository map" not in result.text and "tests/test_inventory.py" not in result.files
    assert result.prompt_tokens == count_tokens(result.text) > 2000 and result.over_budget
    assert result.partial_files == () and result.prefix == result.text


def test_failure_output_mode_picks_trimmed_or_tail(failing_output: str) -> None:
    assert failure_output_for("focused") is trim_failure_output and failure_output_for("whole") is tail_of_output
    assert tail_of_output(failing_output, 500) == failing_output[-500:]
    assert trim_failure_output(failing_output, 500) != failing_output[-500:]


def test_repo_map_is_trimmed_to_the_budget(tmp_path: Path) -> None:
    for number in range(400):
        folder = tmp_path / "pkg" / f"group{number // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"mod_{number:03d}.py").write_text(f"def load_{number}(path):\n    return path\n\n\nclass Model{number}:\n    pass\n")
    (tmp_path / "app.py").write_text("def main():\n    return 0\n")
    task = make_task("Make `main` return 1.", files=("app.py",), accept=("python app.py",))
    result = build_context(task, tmp_path, count_tokens, 1500)
    assert result.prompt_tokens <= 1500
    assert result.files == {"app.py": "whole"}
    assert 0 < result.map_files < 400
    assert re.search(r"\.\.\. \d+ more files not listed", result.text)
    assert "pkg/group0/mod_000.py: load_0, Model0" in result.text
    # a smaller budget lists fewer files
    small = build_context(task, tmp_path, count_tokens, 300, feedback_tokens=0)
    assert small.prompt_tokens <= 300
    assert 0 < small.map_files < result.map_files


def test_editable_file_too_big_for_any_view_goes_to_the_map_and_counts_as_partial(repo: Path) -> None:
    task = make_task("Tidy the module.", accept=("python -m compileall -q src",))  # names nothing in it
    result = build_context(task, repo, count_tokens, 800)
    assert result.files["src/inv/inventory.py"] == "map only"
    assert "src/inv/inventory.py (may change): parse_record_0" in result.text
    assert result.partial_files == ("src/inv/inventory.py",)
    assert result.prompt_tokens <= 800


# ---------------------------------------------------------------- failure output


FAILING_TESTS = '''import warnings


def helper(value):
    return value + 1


def test_passes():
    warnings.warn("noise that does not matter")


def test_compares():
    print("captured line")
    assert helper(1) == 3


def test_deep():
    def recurse(depth):
        return recurse(depth - 1) if depth else {}["missing"]
    recurse(6)
'''


@pytest.fixture(scope="module")
def pytest_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Real verbose pytest output: one pass with a warning, an assertion failure, a deep traceback."""
    folder = tmp_path_factory.mktemp("pytest_output")
    (folder / "test_failing.py").write_text(FAILING_TESTS)
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", "test_failing.py"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, env=quick_env())
    assert result.returncode == 1
    return result.stdout


def test_trim_pytest_output_keeps_what_explains_the_failure(pytest_output: str) -> None:
    output = pytest_output
    trimmed = trim_failure_output(output, 4000)
    assert "E       assert 2 == 3" in trimmed
    assert ">       assert helper(1) == 3" in trimmed
    assert "test_failing.py:14: AssertionError" in trimmed
    assert "E       KeyError: 'missing'" in trimmed
    assert "captured line" in trimmed
    assert "short test summary info" in trimmed
    assert "FAILED test_failing.py::test_compares" in trimmed
    assert re.search(r"2 failed, 1 passed", trimmed)
    for noise in ("test session starts", "rootdir:", "PASSED", "warnings summary", "noise that does not matter"):
        assert noise not in trimmed
    assert len(trimmed) < len(output)


def test_trim_respects_max_chars_and_keeps_the_end(pytest_output: str) -> None:
    output = pytest_output
    trimmed = trim_failure_output(output, 500)
    assert len(trimmed) <= 500
    assert "lines not shown" in trimmed
    last = output.strip().splitlines()[-1].strip()
    assert trimmed.rstrip().endswith(re.sub(r" in \d+\.\d+s", "", last))  # the summary line, without its duration


def test_trimmed_output_reads_the_same_whatever_the_run_took() -> None:
    fast = "E   assert 1 == 2\n========== 1 failed, 2 passed in 0.03s ==========\n1 failed in 12.5s"
    slow = fast.replace("0.03s", "1.71s").replace("12.5s", "0.2s")
    assert trim_failure_output(fast) == trim_failure_output(slow)
    assert "1 failed, 2 passed =" in trim_failure_output(fast)


def test_trim_python_traceback_keeps_last_frames_and_the_error() -> None:
    script = "def dive(n):\n    return dive(n - 1) if n else 1 / 0\n\ndive(30)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    trimmed = trim_failure_output(result.stderr, 2000)
    assert trimmed.startswith("Traceback (most recent call last):")
    assert "earlier frames not shown" in trimmed
    assert trimmed.rstrip().endswith("ZeroDivisionError: division by zero")
    assert trimmed.count('File "<string>"') <= 3


def test_trim_generic_output_is_head_and_tail() -> None:
    text = "\n".join(f"build step {number}" for number in range(2000)) + "\nerror: linker failed\n"
    trimmed = trim_failure_output(text, 600)
    assert len(trimmed) <= 600
    assert trimmed.startswith("build step 0\n")
    assert trimmed.endswith("error: linker failed")
    assert "lines not shown" in trimmed
    assert trim_failure_output("\x1b[31mshort\x1b[0m failure\n", 600) == "short failure"


# ---------------------------------------------------------------- with the model's own tokenizer


@pytest.mark.model
def test_budget_with_the_bundled_model_tokenizer(repo: Path) -> None:
    from interns.local_model.install import installed_path
    from interns.local_model.source import open_model_source

    model = installed_path()
    if model is None:
        pytest.skip("the bundled model is not installed")
    tokenizer = open_model_source(model).tokenizer

    def model_tokens(text: str) -> int:
        return len(tokenizer.encode(text))

    result = build_context(DURATION_TASK, repo, model_tokens, 2000)
    assert result.prompt_tokens == model_tokens(result.text) <= 2000
    assert "def parse_duration(text: str) -> int:" in result.text
    assert build_context(DURATION_TASK, repo, model_tokens, 2000).text == result.text
