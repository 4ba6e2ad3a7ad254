"""`interns eval` flags, task selection and the `interns run` command line it builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from interns.errors import BadInputError
from interns.evaluation.cli import parse_sweep
from interns.evaluation.spine import RunSettings, run_argv
from interns.evaluation.taskset import load_taskset, select_tasks
from support.eval_cli import eval_cli

TASKS_DIR = Path(__file__).resolve().parents[3] / "bench" / "tasks"
TASKS = load_taskset(TASKS_DIR)


def test_sweep_parsing() -> None:
    def item(best_of: int | None, attempts: int | None, context: str | None = None, **more) -> RunSettings:
        return RunSettings(best_of=best_of, attempts=attempts, context=context, **more)

    assert parse_sweep("1x1, 1x3,4X3,2:2,1x1") == [item(1, 1), item(1, 3), item(4, 3), item(2, 2)]
    assert parse_sweep("1x3,1x3-whole, 1x3 - focused") == [item(1, 3), item(1, 3, "whole"), item(1, 3, "focused")]
    assert parse_sweep("raw, raw@local/qwen2.5-coder-1.5b,8x3") == [
        item(None, None, raw=True), item(None, None, raw=True, model="local/qwen2.5-coder-1.5b"), item(8, 3),
    ]
    assert parse_sweep("1x3>local/qwen2.5-coder-1.5b, 8x3@local/qwen2.5-coder-0.5b > openai/gpt-4o-mini") == [
        item(1, 3, escalate=("local/qwen2.5-coder-1.5b",)), item(8, 3, model="local/qwen2.5-coder-0.5b", escalate=("openai/gpt-4o-mini",)),
    ]
    cascade = RunSettings(best_of=1, attempts=3, escalate=("local/qwen2.5-coder-1.5b",))
    assert cascade.label == "best-of-1 x 3 attempts -> local/qwen2.5-coder-1.5b" and cascade.slug == "b1-a3-to-local-qwen2.5-coder-1.5b"
    assert run_argv(Path("r"), Path("r.json"), cascade, command=["interns"])[-2:] == ["--escalate", "local/qwen2.5-coder-1.5b"]
    for bad in ("1x", "0x3", "4x3,abc", "", "1x3-entire", "raw>local/qwen2.5-coder-1.5b"):
        with pytest.raises(BadInputError, match="--sweep"):
            parse_sweep(bad)


def test_task_selection() -> None:
    assert [task.name for task in select_tasks(TASKS, ["impl-slugify"])] == ["impl-slugify"]
    assert {task.kind for task in select_tasks(TASKS, ["fix-"])} == {"bugfix"}
    assert all(task.kind == "refactor" for task in select_tasks(TASKS, ["kind:refactor"]))
    assert select_tasks(TASKS, None) == TASKS
    test_split = select_tasks(TASKS, None, "test")
    assert test_split and all(task.split == "test" for task in test_split)
    assert {task.split for task in select_tasks(TASKS, ["impl-"], "dev")} == {"dev"}
    with pytest.raises(BadInputError, match="--split"):
        select_tasks(TASKS, None, "train")
    with pytest.raises(BadInputError) as error:
        select_tasks(TASKS, ["impl-slugfy"])
    assert error.value.problems == ["unknown task 'impl-slugfy' (did you mean 'impl-slugify'?)"]


def test_run_command_line_passes_every_override(tmp_path: Path) -> None:
    settings = RunSettings(model="openai/gpt-x", sandbox="docker", parallel=3, best_of=4, attempts=2, context="whole")
    argv = run_argv(tmp_path / "repo", tmp_path / "r.json", settings, replay=tmp_path / "c.jsonl", record=tmp_path / "rec.jsonl", command=["interns"])
    assert argv == [
        "interns", "run", "--repo", str(tmp_path / "repo"), "--json", str(tmp_path / "r.json"),
        "--model", "openai/gpt-x", "--sandbox", "docker", "--parallel", "3", "--best-of", "4", "--attempts", "2",
        "--context", "whole", "--replay", str(tmp_path / "c.jsonl"), "--record", str(tmp_path / "rec.jsonl"),
    ]
    assert run_argv(tmp_path, tmp_path / "r.json", RunSettings(), command=["interns"]) == ["interns", "run", "--repo", str(tmp_path), "--json", str(tmp_path / "r.json")]
    assert RunSettings(best_of=4, attempts=1).label == "best-of-4 x 1 attempt"
    assert RunSettings().slug == "spec" and RunSettings(best_of=2, attempts=3).slug == "b2-a3"
    assert RunSettings(best_of=1, attempts=3, context="whole").slug == "b1-a3-whole"
    assert RunSettings(best_of=1, attempts=3, context="whole").label == "best-of-1 x 3 attempts, whole context"


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_cli("--tasks-dir", str(TASKS_DIR), "--list", "kind:multi") == 0
    out = capsys.readouterr().out
    assert "multi-order-lines" in out and "impl-slugify" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sandbox", "vm"], "--sandbox: 'vm' is not one of auto, docker, local"),
        (["--sweep", "1x1", "--best-of", "2"], "--sweep sets best-of and attempts itself"),
        (["--replay", "/nonexistent/cassette.jsonl"], "--replay: /nonexistent/cassette.jsonl does not exist"),
        (["no-such-task"], "unknown evaluation tasks"),
        (["--context", "entire"], "--context: 'entire' is not one of focused, whole"),
        (["--resume"], "--resume needs --out"),
    ],
)
def test_bad_input_is_refused_before_running(args: list[str], message: str) -> None:
    with pytest.raises(BadInputError, match=message.replace("(", r"\(")):
        eval_cli("--tasks-dir", str(TASKS_DIR), *args)


def test_bad_task_metadata_says_where(tmp_path: Path) -> None:
    task = tmp_path / "broken"
    (task / "repo").mkdir(parents=True)
    (task / "task.toml").write_text('kind = "magic"\ndifficulty = "easy"\n[hidden]\ncommand = "true"\n')
    with pytest.raises(BadInputError) as error:
        load_taskset(tmp_path)
    assert any(problem.startswith(f"{task / 'task.toml'}: kind:") for problem in error.value.problems)


def test_mounted_as_interns_eval() -> None:
    from interns.cli import app as root

    names = [command.name for command in root.registered_commands]
    if "eval" not in names:
        pytest.skip("interns/cli.py does not mount `interns eval` yet")
    from interns.cli import run_cli

    assert run_cli(["eval", "--tasks-dir", str(TASKS_DIR), "--list", "impl-chunked"]) == 0
