"""`apply_patch`: a task's solution.patch applied with `git apply`, in a plain folder or a git repo."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interns.evaluation.workspace import PatchError, apply_patch, init_repo

PATCH = """\
diff --git a/pkg/calc.py b/pkg/calc.py
--- a/pkg/calc.py
+++ b/pkg/calc.py
@@ -1,2 +1,2 @@
 def add(a, b):
-    return a - b
+    return a + b
diff --git a/pkg/new.py b/pkg/new.py
new file mode 100644
--- /dev/null
+++ b/pkg/new.py
@@ -0,0 +1 @@
+VALUE = 1
"""


def _tree(root: Path) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    return root


def _patch(tmp_path: Path, text: str = PATCH) -> Path:
    path = tmp_path / "solution.patch"
    path.write_text(text)
    return path


def test_applies_changes_and_new_files_and_names_them(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "tree")
    assert apply_patch(_patch(tmp_path), tree) == ["pkg/calc.py", "pkg/new.py"]
    assert (tree / "pkg" / "calc.py").read_text() == "def add(a, b):\n    return a + b\n"
    assert (tree / "pkg" / "new.py").read_text() == "VALUE = 1\n"


def test_a_patch_that_does_not_fit_changes_nothing(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "tree")
    (tree / "pkg" / "calc.py").write_text("def add(a, b):\n    return b - a\n")
    with pytest.raises(PatchError, match="pkg/calc.py"):
        apply_patch(_patch(tmp_path), tree)
    assert (tree / "pkg" / "calc.py").read_text() == "def add(a, b):\n    return b - a\n"
    assert not (tree / "pkg" / "new.py").exists()  # all or nothing


def test_a_tree_inside_another_repository_is_patched_itself(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    tree = _tree(outer / "scratch" / "tree")
    init_repo(outer)  # git must not read the patch's paths from the outer repository's top
    assert apply_patch(_patch(tmp_path), tree) == ["pkg/calc.py", "pkg/new.py"]
    assert (tree / "pkg" / "calc.py").read_text().endswith("a + b\n")
    assert not (outer / "pkg").exists()


def test_a_git_repository_gets_the_change_in_its_working_tree(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "tree")
    init_repo(tree)
    apply_patch(_patch(tmp_path), tree)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=tree, capture_output=True, text=True).stdout
    assert status.splitlines() == [" M pkg/calc.py", "?? pkg/new.py"]
