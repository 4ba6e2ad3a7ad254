"""`--executor` accepts what the config's `executor.backend` accepts, with one message; a Ray address
where nothing answers stops the run within seconds (exit 3), not after Ray's minutes of retries."""

from __future__ import annotations

import time
from pathlib import Path

from support.hello_spec import HELLO_SPEC
from support.repos import make_repo, read_report

MESSAGE = "'k8s' is not one of in-process, ray"


def test_the_flag_and_the_config_refuse_the_same_way(interns, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"README.md": "x\n", ".interns/specs/hello.md": HELLO_SPEC})
    flag = interns("run", "--executor", "k8s", cwd=repo)
    assert flag.returncode == 2 and f"--executor: {MESSAGE}" in flag.stderr, flag.stderr
    (repo / ".interns" / "config.toml").write_text('[executor]\nbackend = "k8s"\n')
    config = interns("run", "--allow-dirty", cwd=repo)
    assert config.returncode == 2 and f"executor.backend: {MESSAGE}" in config.stderr, config.stderr


def test_a_ray_address_where_nothing_answers_stops_the_run_fast(interns, tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")
    repo = make_repo(tmp_path / "repo", {"README.md": "x\n", ".interns/specs/hello.md": HELLO_SPEC})
    report = tmp_path / "report.json"
    started = time.monotonic()
    result = interns("run", "--executor", "ray", "--ray-address", "127.0.0.1:9", "--sandbox", "local", "--json", str(report), "--plain", cwd=repo)
    assert result.returncode == 3, result.stderr
    assert time.monotonic() - started < 60
    data = read_report(report)
    assert data["reason_code"] == "executor error" and "nothing answers at the Ray address 127.0.0.1:9" in data["tasks"][0]["failing_output"]
