"""Never root inside: when interns runs as root, sandbox commands run as an unprivileged uid, and what they
wrote in the worktree is root's (the user's) again afterwards; lending the worktree to that uid never
follows a symlink nor touches anything outside the worktree. Real containers, real `interns run`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from interns.sandbox.container_spec import NOBODY
from support.repos import make_repo, read_report, run_interns, whole_file, write_cassette

pytestmark = [pytest.mark.docker, pytest.mark.skipif(os.geteuid() != 0, reason="only a root host user has root-owned worktrees")]
STRANGER = (4242, 4243)  # owner of the host files outside the worktree


def _owners(root: Path) -> dict[str, tuple[int, int]]:
    """(uid, gid) of the worktree and everything in it, symlinks themselves (never followed)."""
    found = {".": (os.lstat(root).st_uid, os.lstat(root).st_gid)}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in (*dirnames, *filenames):
            info = os.lstat(Path(dirpath) / name)
            found[str((Path(dirpath) / name).relative_to(root))] = (info.st_uid, info.st_gid)
    return found


def test_commands_run_unprivileged_and_what_they_write_is_the_owners(docker_backend, tmp_path: Path, new_worktree, start_sandbox) -> None:
    worktree = new_worktree(tmp_path / "worktree", owner=None)  # root's, like every worktree of a root run
    (worktree / "pkg").mkdir()
    (worktree / "pkg" / "mod.py").write_text("V = 1\n")
    sandbox = start_sandbox(docker_backend, worktree)
    result = sandbox.exec(
        "id -u; echo data > made.txt && mkdir -p build/out && echo x > build/out/f && echo 'V = 2' > pkg/mod.py "
        "&& echo more >> README.md && ln -s /etc/hostname made-link && cp /bin/true suid && chmod u+s,g+s suid && echo wrote"
    )
    assert result.ok, result.output
    uid = int(result.output.splitlines()[0])
    assert uid not in (0, NOBODY)
    owners = _owners(worktree)
    assert {"made.txt", "build/out/f", "made-link", "suid", "pkg/mod.py"} <= set(owners)
    assert {path: owner for path, owner in owners.items() if owner != (0, 0)} == {}  # all root's again
    assert (worktree / "pkg" / "mod.py").read_text() == "V = 2\n" and (worktree / "README.md").read_text().endswith("more\n")
    assert not os.lstat(worktree / "suid").st_mode & (stat.S_ISUID | stat.S_ISGID)  # no set-uid-root program left

    # every later command still works (lent again), and still as the same unprivileged uid
    again = sandbox.exec("id -u; echo again >> made.txt && rm -r build && echo ok")
    assert again.ok and again.output.splitlines()[0] == str(uid), again.output
    sandbox.stop()
    assert {path: owner for path, owner in _owners(worktree).items() if owner != (0, 0)} == {}


def test_lending_never_follows_links_out_of_the_worktree(docker_backend, tmp_path: Path, new_worktree, start_sandbox) -> None:
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    for path in (outside / "file.txt", outside / "folder" / "inner.txt", outside / "linked-twice.txt"):
        path.write_text("host data\n")
    for path in (outside, outside / "folder", outside / "file.txt", outside / "folder" / "inner.txt"):
        os.lchown(path, *STRANGER)
    before = _owners(outside)
    worktree = new_worktree(tmp_path / "worktree", owner=None)
    (worktree / "to-file").symlink_to(outside / "file.txt")
    (worktree / "to-folder").symlink_to(outside / "folder")
    os.link(outside / "linked-twice.txt", worktree / "hard-link.txt")  # root's, and also a file outside
    (worktree / ".git").write_text("gitdir: /somewhere/.git/worktrees/x\n")

    sandbox = start_sandbox(docker_backend, worktree)
    inside = sandbox.exec("stat -c '%u %n' /workspace /workspace/README.md /workspace/hard-link.txt /workspace/.git; echo x >> hard-link.txt")
    lines = inside.output.splitlines()
    assert lines[0].split()[0] not in ("0",) and lines[1].split()[0] == lines[0].split()[0]  # lent to the command's uid
    assert lines[2].split()[0] == "0" and lines[3].split()[0] == "0"  # a hard link and `.git` stay root's
    assert not inside.ok and "Permission denied" in inside.output  # so the command cannot write through it
    sandbox.exec("rm -f to-file; ln -s /etc/passwd to-file; echo done")  # the command's own link to a host file
    sandbox.stop()

    assert _owners(outside) == before  # nothing outside the worktree changed owner
    assert os.lstat("/etc/passwd").st_uid == 0
    assert (outside / "linked-twice.txt").read_text() == "host data\n"
    assert {path: owner for path, owner in _owners(worktree).items() if owner != (0, 0)} == {}


@pytest.mark.slow
def test_a_root_run_accepts_only_as_a_non_root_uid(tmp_path: Path, sandbox_image) -> None:
    # The real command line as root: the acceptance command itself checks its uid and writes a file.
    spec = "---\nid: probe\ntitle: Probe\nfiles: [probe.txt]\naccept: [\"test $(id -u) -ne 0\", \"echo made > by-command.txt\", \"test -w by-command.txt\"]\n---\nWrite probe.txt.\n"
    repo = make_repo(tmp_path / "repo", {"README.md": "# r\n", ".interns/specs/probe.md": spec})
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Probe"], "response": whole_file("probe.txt", "x\n")}])
    result = run_interns("run", "--sandbox", "docker", "--plain", "--attempts", "1", "--replay", str(cassette), "--json", str(tmp_path / "r.json"), cwd=repo, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert read_report(tmp_path / "r.json")["tasks"][0]["status"] == "merged"
    leftovers = [path for path, owner in _owners(repo).items() if owner != (0, 0)]
    assert leftovers == []  # the worktrees under .interns/state are root's too
