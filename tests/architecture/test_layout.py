"""README's Layout table and the tree agree: every folder it names exists and imports as it says,
every code folder is named, and tests/ mirrors the code folders."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _layout_rows() -> dict[str, tuple[str, str]]:
    text = (ROOT / "README.md").read_text()
    table = text[text.index("| folder | imports as | what lives there |") :].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[2:]:
        folder, imports, what = (cell.strip() for cell in line.strip("|").split("|"))
        rows[folder.strip("`").rstrip("/")] = (imports.strip("`"), what)
    return rows


def _package_roots() -> dict[str, str]:
    match = re.search(r"PACKAGE_ROOTS = (\{.*?\})", (ROOT / "setup.py").read_text(), re.S)
    assert match is not None, "setup.py defines no PACKAGE_ROOTS"
    return ast.literal_eval(match.group(1))


def test_every_folder_the_table_names_exists_and_imports_as_it_says() -> None:
    rows, roots = _layout_rows(), _package_roots()
    for folder, (imports, _) in rows.items():
        assert (ROOT / folder).is_dir(), f"README names {folder}/, which does not exist"
        if imports:
            assert roots.get(folder) == imports, f"{folder}/ imports as {roots.get(folder)}, README says {imports}"
    assert set(roots) <= set(rows), f"code folders missing from README's Layout: {set(roots) - set(rows)}"


def test_every_top_level_code_folder_is_in_the_table() -> None:
    rows = _layout_rows()
    code = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert code <= set(rows), f"code folders missing from README's Layout: {code - set(rows)}"


def test_tests_mirror_the_code_folders() -> None:
    rows, roots = _layout_rows(), _package_roots()
    named = set(re.findall(r"`(?:tests/)?([\w]+)/`", rows["tests"][1]))
    present = {path.name for path in (ROOT / "tests").iterdir() if path.is_dir() and not path.name.startswith((".", "__"))}
    assert set(roots) <= present, f"code folders without tests/<folder>: {set(roots) - present}"
    assert present <= named, f"test folders README's Layout does not name: {present - named}"
    assert named <= present, f"README names test folders that do not exist: {named - present}"


def test_tests_of_interns_do_not_shadow_the_package(tmp_path: Path) -> None:
    """tests/ is on sys.path during a test run; from a cwd other than the repo root `interns` must still be
    the package, not tests/interns/ found as a namespace package (see tests/conftest.py)."""
    test = ROOT / "tests" / "interns" / "reports" / "test_report_robustness.py"  # imports interns.reports
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
