"""CLI conventions: `--version`, `-h` on every command, shell completion, one meaning per short flag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from support.repos import run_interns


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command of `interns`, as the words that name it."""
    from interns.cli import app

    paths: list[tuple[str, ...]] = []

    def walk(command: Any, words: tuple[str, ...]) -> None:
        paths.append(words)
        for name, child in getattr(command, "commands", {}).items():  # a group (typer may vendor its own click)
            if not child.hidden:
                walk(child, (*words, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_version_flag_prints_the_package_version(tmp_path: Path) -> None:
    from interns import __version__

    result = run_interns("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"interns {__version__}"


def test_dash_h_is_help_on_every_command(tmp_path: Path) -> None:
    paths = _command_paths()
    assert ("runs", "rm") in paths and ("spec", "check") in paths and ("eval",) in paths
    for words in paths:
        result = run_interns(*words, "-h", cwd=tmp_path)
        assert result.returncode == 0, (words, result.stderr)
        assert "Usage: interns" in result.stdout and "--help" in result.stdout, words


def test_shell_completion_is_offered_and_completes_commands(tmp_path: Path) -> None:
    script = run_interns("--show-completion", "bash", cwd=tmp_path)
    assert script.returncode == 0, script.stderr
    assert "_interns_completion" in script.stdout
    completed = run_interns(cwd=tmp_path, env={"_INTERNS_COMPLETE": "complete_bash", "COMP_WORDS": "interns runs ", "COMP_CWORD": "2"})
    assert completed.stdout.split() == ["rm", "gc"]
    assert "--install-completion" in run_interns("-h", cwd=tmp_path).stdout


def test_each_short_flag_means_one_long_flag_everywhere() -> None:
    from interns.cli import app

    meaning: dict[str, set[str]] = {}

    def walk(command: Any) -> None:
        for param in command.params:
            if param.param_type_name == "option":
                longs = [name for name in [*param.opts, *param.secondary_opts] if name.startswith("--")]
                for short in (name for name in param.opts if not name.startswith("--")):
                    meaning.setdefault(short, set()).update(longs)
        for child in getattr(command, "commands", {}).values():
            walk(child)

    walk(typer.main.get_command(app))
    assert {short: longs for short, longs in meaning.items() if len(longs) > 1} == {}
    assert meaning["-j"] == {"--parallel"} and meaning["-m"] == {"--model"}


def test_eval_dash_j_is_parallel_like_run() -> None:
    from interns.cli import app

    eval_command = typer.main.get_command(app).commands["eval"]  # type: ignore[attr-defined]
    options = {param.name: param.opts for param in eval_command.params if param.param_type_name == "option"}
    assert "-j" in options["parallel"] and options["jobs"] == ["--jobs"]


def test_a_long_flag_means_one_thing_everywhere() -> None:
    """`--context` is the context mode (focused | whole) wherever it appears; the server's tokens per
    sequence is `--context-length`."""
    from interns.cli import app

    helps: dict[str, set[str]] = {}

    def walk(command: Any) -> None:
        for param in command.params:
            if param.param_type_name == "option" and "--context" in param.opts:
                helps.setdefault("--context", set()).add(param.help or "")
        for child in getattr(command, "commands", {}).values():
            walk(child)

    walk(typer.main.get_command(app))
    assert helps["--context"] and all("focused" in text and "tokens" not in text for text in helps["--context"])
    serve = run_interns("serve", "-h", cwd=Path.cwd())
    assert "--context-length" in serve.stdout


def test_model_commands_take_local_names_as_run_spells_them(tmp_path: Path) -> None:
    from interns.local_model.install import installed_path

    if installed_path("qwen2.5-coder-0.5b") is None:
        import pytest

        pytest.skip("the bundled model is not installed")
    result = run_interns("model", "install", "--model", "local/qwen2.5-coder-0.5b", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "already installed" in result.stdout + result.stderr
