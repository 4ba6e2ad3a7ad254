"""A spec marked `decompose: true` is split into tasks by the planner model, then run like any other."""

from __future__ import annotations

from pathlib import Path

from support.repos import events_of, git, make_repo, read_report, whole_file, write_cassette

FILES = {
    "geo/__init__.py": "",
    ".interns/specs/geo.md": """
        ---
        id: geo
        title: Geometry helpers
        decompose: true
        files: ["geo/*.py"]
        accept: ["python -c 'import geo.area, geo.perimeter'"]
        ---
        Add `geo/area.py` with `square_area(side)` and `geo/perimeter.py` with `square_perimeter(side)`.
        """,
}

PLAN = """```yaml
- id: area
  title: Square area
  description: Create geo/area.py with square_area(side) returning side * side.
  files: [geo/area.py]
  accept: ["python -c 'from geo.area import square_area; assert square_area(3) == 9'"]
- id: perimeter
  title: Square perimeter
  description: Create geo/perimeter.py with square_perimeter(side) returning 4 * side.
  files: [geo/perimeter.py]
```"""


def test_decompose_spec_is_planned_then_run(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Split this spec: Geometry helpers"], "response": PLAN},
        {"match": ["# Task: Square area"], "response": whole_file("geo/area.py", "def square_area(side):\n    return side * side\n")},
        {"match": ["# Task: Square perimeter"], "response": whole_file("geo/perimeter.py", "def square_perimeter(side):\n    return 4 * side\n")},
    ])
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    assert [task["id"] for task in report["tasks"]] == ["geo/area", "geo/perimeter"]
    assert all(task["status"] == "merged" for task in report["tasks"])
    assert git(repo, "show", f"{report['integration_branch']}:geo/perimeter.py").startswith("def square_perimeter")
    events = events_of(repo, report["run_id"])
    assert {"event": "planned", "task": "geo", "tasks": ["geo/area", "geo/perimeter"]}.items() <= next(e for e in events if e["event"] == "planned").items()
    started = {e["task"]: e["time"] for e in events if e["event"] == "task_started"}
    merged = {e["task"]: e["time"] for e in events if e["event"] == "merged"}
    assert started["geo/perimeter"] > merged["geo/area"]  # the last task runs the spec's acceptance after the rest


def test_unusable_plan_falls_back_to_one_task(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FILES)
    both = whole_file("geo/area.py", "def square_area(side):\n    return side * side\n") + "\n" + whole_file("geo/perimeter.py", "def square_perimeter(side):\n    return 4 * side\n")
    cassette = write_cassette(tmp_path / "c.jsonl", [
        {"match": ["# Split this spec"], "response": "- id: x\n  title: X\n  files: [setup.py]\n"},
        {"match": ["# Task: Geometry helpers"], "response": both},
    ])
    result = interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo)
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "r.json")
    assert [task["id"] for task in report["tasks"]] == ["geo"] and report["tasks"][0]["status"] == "merged"
