"""Kill -9 battery for `interns resume`: SIGKILL a run at random moments, resume it, check the result.

    python bench/bench_resume.py --trials 20 --sandbox docker --seed 1
    python bench/bench_resume.py --trials 20 --sandbox local --seed 2 --json out.json

Each trial: a fresh temporary git repository with one spec of 6 independent small tasks, a replay
cassette that answers every task correctly, `interns run --parallel 2` started as a subprocess in its
own process group and SIGKILLed as a whole group at a seeded random moment in [0.5 s, typical run
duration] (the typical duration is measured first by one uninterrupted run), then `interns resume
RUN_ID` with a timeout. Recorded per trial: whether the resume finished within the timeout, its exit
code and seconds, whether every task was merged exactly once on `interns/<run>/integration` (counted
from the merge commits' `Interns-Merge:` trailers), and whether the user's branch, HEAD and working tree
are untouched. A resume that outlives its timeout is diagnosed before it is killed (py-spy dump when
installed, /proc/<pid>/stack and open files of it and its children, leftover containers) into
`--diagnostics DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

TASKS = ["one", "two", "three", "four", "five", "six"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout.strip()


def spec_text() -> str:
    lines = ["---", "id: nums", "title: Number helpers", 'accept: ["true"]', "tasks:"]
    for number, word in enumerate(TASKS, start=1):
        lines += [
            f"  - id: {word}",
            f"    title: Task number {word}",
            f"    files: [nums/n_{word}.py]",
            f"    accept: [\"sleep 0.3\", \"python -c 'from nums.n_{word} import value; assert value() == {number}'\"]",
        ]
    lines += ["---", "Small independent helpers, one module each.", ""]
    return "\n".join(lines)


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "nums").mkdir()
    (root / "nums" / "__init__.py").write_text("")
    (root / "README.md").write_text("user's file, never touched\n")
    (root / ".interns" / "specs").mkdir(parents=True)
    (root / ".interns" / "specs" / "nums.md").write_text(spec_text())
    git(root, "add", "-A")
    git(root, "commit", "-qm", "initial")
    return root


def write_cassette(path: Path) -> Path:
    """Each entry answers any prompt naming its task's title (`repeat`: also a resumed round)."""
    with path.open("w") as handle:
        for number, word in enumerate(TASKS, start=1):
            answer = f"nums/n_{word}.py\n```python\ndef value():\n    return {number}\n```\n"
            entry = {"match": [f"# Task: Task number {word}\n"], "response": answer, "repeat": True, "usage": {"prompt_tokens": 50, "completion_tokens": 20}}
            handle.write(json.dumps(entry) + "\n")
    return path


def interns_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "interns", *args]


@dataclass
class Trial:
    number: int
    kill_at: float
    run_id: str = ""
    killed_phase: str = ""  # the last event the killed run logged
    finished: bool = False
    exit_code: int | None = None
    resume_seconds: float = 0.0
    merged_once: bool = False
    merge_counts: dict[str, int] = field(default_factory=dict)
    user_untouched: bool = False
    leftovers: str = ""
    note: str = ""


def last_event(repo: Path, run_id: str) -> str:
    log = repo / ".interns" / "state" / "runs" / f"{run_id}.events.jsonl"
    if not log.exists():
        return "(none)"
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    if not lines:
        return "(none)"
    try:
        event = json.loads(lines[-1])
    except json.JSONDecodeError:
        return "(torn line)"
    return f"{event.get('event')} {event.get('task', '')}".strip()


def run_id_of(repo: Path) -> str | None:
    runs = repo / ".interns" / "state" / "runs"
    records = [path for path in runs.glob("*.json") if not path.name.endswith(".report.json")] if runs.is_dir() else []
    return records[0].name[: -len(".json")] if records else None


def leftover_summary(repo: Path, run_id: str) -> str:
    parts = []
    git_dir = repo / ".git"
    locks = [str(path.relative_to(git_dir)) for path in git_dir.rglob("*.lock")]
    if locks:
        parts.append("git locks: " + ", ".join(locks))
    locked = [path.parent.name for path in (git_dir / "worktrees").glob("*/locked")] if (git_dir / "worktrees").is_dir() else []
    if locked:
        parts.append("locked worktrees: " + ", ".join(locked))
    if shutil.which("docker"):
        names = subprocess.run(["docker", "ps", "-a", "--filter", f"label=interns.run={run_id}", "--format", "{{.Names}}"], capture_output=True, text=True).stdout.split()
        if names:
            parts.append(f"{len(names)} container(s)")
    state = repo / ".interns" / "state"
    for name in ("checkpoints.sqlite-wal", "checkpoints.sqlite-journal"):
        if (state / name).exists() and (state / name).stat().st_size:
            parts.append(name.split("-")[1])
    return "; ".join(parts)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parent = int(stat[stat.rfind(")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for child in children.get(current, []):
            found.append(child)
            todo.append(child)
    return found


def diagnose(pid: int, repo: Path, run_id: str, out: Path) -> None:
    """What a hung resume waits on: its threads' Python stacks, kernel stack, open files, children."""
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = [f"resume pid {pid}, repo {repo}, run {run_id}"]
    for target in [pid, *descendants(pid)]:
        try:
            cmdline = Path(f"/proc/{target}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        lines.append(f"\n=== pid {target}: {cmdline}")
        for name in ("wchan", "stack"):
            try:
                lines.append(f"{name}: " + Path(f"/proc/{target}/{name}").read_text().strip())
            except OSError as error:
                lines.append(f"{name}: ({error})")
        fd_dir = Path(f"/proc/{target}/fd")
        try:
            for fd in sorted(fd_dir.iterdir(), key=lambda p: int(p.name)):
                try:
                    lines.append(f"  fd {fd.name} -> {os.readlink(fd)}")
                except OSError:
                    pass
        except OSError:
            pass
    if shutil.which("py-spy"):
        dump = subprocess.run(["py-spy", "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=60)
        lines.append("\n=== py-spy dump\n" + dump.stdout + dump.stderr)
    lines.append("\n=== leftovers: " + leftover_summary(repo, run_id))
    lines.append("\n=== lsof of state dir\n" + subprocess.run(f"ls -la {repo}/.interns/state {repo}/.git/worktrees 2>&1", shell=True, capture_output=True, text=True).stdout)
    if shutil.which("docker"):
        lines.append("\n=== docker ps\n" + subprocess.run(["docker", "ps", "-a", "--format", "{{.Names}} {{.Status}} {{.Labels}}"], capture_output=True, text=True).stdout)
    path = out / f"hang-{run_id}-{pid}.txt"
    path.write_text("\n".join(lines))


def merges_per_task(repo: Path, run_id: str) -> dict[str, int]:
    branch = f"interns/{run_id}/integration"
    try:
        log = git(repo, "log", "--merges", "--format=%B%x00", branch)
    except subprocess.CalledProcessError:
        return {}
    counts = {word: 0 for word in TASKS}
    for message in log.split("\0"):
        for line in message.splitlines():
            if line.startswith("Interns-Merge: "):
                task = line.split(": ", 1)[1].strip().split("/")[-1]
                counts[task] = counts.get(task, 0) + 1
    return counts


def typical_duration(workdir: Path, sandbox: str, env: dict[str, str]) -> float:
    repo = make_repo(workdir / "calibrate")
    cassette = write_cassette(workdir / "calibrate.jsonl")
    started = time.monotonic()
    done = subprocess.run(interns_argv("run", "--parallel", "2", "--sandbox", sandbox, "--replay", str(cassette), "--plain"), cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"the uninterrupted run failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def one_trial(number: int, kill_at: float, workdir: Path, sandbox: str, env: dict[str, str], resume_timeout: float, diagnostics: Path) -> Trial:
    trial = Trial(number, kill_at)
    repo = make_repo(workdir / f"trial-{number:02d}")
    cassette = write_cassette(workdir / f"trial-{number:02d}.jsonl")
    head_before, branch_before = git(repo, "rev-parse", "HEAD"), git(repo, "rev-parse", "refs/heads/main")
    started = time.monotonic()
    process = subprocess.Popen(
        interns_argv("run", "--parallel", "2", "--sandbox", sandbox, "--replay", str(cassette), "--plain"),
        cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
    )
    # kill at the drawn moment, but never before the run exists (a run killed earlier has nothing to resume)
    while True:
        now = time.monotonic() - started
        if process.poll() is not None:
            break
        if now >= kill_at and run_id_of(repo):
            break
        time.sleep(0.01)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    else:
        trial.note = "run ended before the kill"
    trial.run_id = run_id_of(repo) or ""
    trial.killed_phase = last_event(repo, trial.run_id)
    trial.leftovers = leftover_summary(repo, trial.run_id)
    report = workdir / f"trial-{number:02d}.report.json"
    resume_started = time.monotonic()
    resume = subprocess.Popen(
        interns_argv("resume", trial.run_id, "--plain", "--json", str(report)),
        cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True, text=True,
    )
    try:
        output, _ = resume.communicate(timeout=resume_timeout)
        trial.finished = True
        trial.exit_code = resume.returncode
    except subprocess.TimeoutExpired:
        diagnose(resume.pid, repo, trial.run_id, diagnostics)
        os.killpg(resume.pid, signal.SIGKILL)
        output, _ = resume.communicate()
        trial.note = (trial.note + "; " if trial.note else "") + f"resume hung: see {diagnostics}"
    trial.resume_seconds = time.monotonic() - resume_started
    if trial.exit_code not in (0, None):
        (diagnostics / f"resume-{trial.run_id}.log").parent.mkdir(parents=True, exist_ok=True)
        (diagnostics / f"resume-{trial.run_id}.log").write_text(output or "")
        last = output.strip().splitlines()[-1][:120] if output and output.strip() else ""
        trial.note = "; ".join(part for part in (trial.note, last) if part)
    trial.merge_counts = merges_per_task(repo, trial.run_id)
    trial.merged_once = bool(trial.merge_counts) and all(trial.merge_counts.get(word) == 1 for word in TASKS)
    trial.user_untouched = (
        git(repo, "rev-parse", "HEAD") == head_before
        and git(repo, "rev-parse", "refs/heads/main") == branch_before
        and git(repo, "symbolic-ref", "HEAD") == "refs/heads/main"
        and git(repo, "status", "--porcelain") == ""
    )
    return trial


def cpu_model() -> str:
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--sandbox", choices=["docker", "local"], default="docker")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--resume-timeout", type=float, default=120.0)
    parser.add_argument("--duration", type=float, default=None, help="typical run duration in s (default: measure one run)")
    parser.add_argument("--json", type=Path, default=None, help="write the trials here")
    parser.add_argument("--diagnostics", type=Path, default=Path(tempfile.gettempdir()) / "bench_resume_diagnostics")
    parser.add_argument("--keep", action="store_true", help="keep the temporary repositories")
    args = parser.parse_args()

    console = Console() if sys.stdout.isatty() else Console(width=220)
    env = {**os.environ, "COLUMNS": "200"}
    workdir = Path(tempfile.mkdtemp(prefix="bench_resume_"))
    try:
        duration = args.duration or typical_duration(workdir, args.sandbox, env)
        console.print(f"typical uninterrupted run: {duration:.1f} s ({args.sandbox} sandbox); kill points drawn in [0.5, {duration:.1f}] s, seed {args.seed}")
        rng = random.Random(args.seed)
        trials = []
        for number in range(1, args.trials + 1):
            trial = one_trial(number, rng.uniform(0.5, duration), workdir, args.sandbox, env, args.resume_timeout, args.diagnostics)
            trials.append(trial)
            console.print(f"trial {number:2d}: kill at {trial.kill_at:5.1f} s ({trial.killed_phase}), resume {'finished' if trial.finished else 'HUNG'} exit {trial.exit_code} in {trial.resume_seconds:.1f} s, merged once {trial.merged_once}, user untouched {trial.user_untouched} {trial.note}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    table = Table(title=f"kill -9 then resume: {args.sandbox} sandbox, {len(TASKS)} tasks, --parallel 2")
    for column in ("#", "kill at s", "last event before kill", "leftovers", "resume", "exit", "resume s", "merged once", "user untouched", "note"):
        table.add_column(column)
    for trial in trials:
        table.add_row(
            str(trial.number), f"{trial.kill_at:.1f}", trial.killed_phase, trial.leftovers or "-",
            "finished" if trial.finished else "[red]hung[/]", str(trial.exit_code), f"{trial.resume_seconds:.1f}",
            "yes" if trial.merged_once else f"[red]no[/] {trial.merge_counts}", "yes" if trial.user_untouched else "[red]no[/]", trial.note,
        )
    console.print(table)
    finished = sum(trial.finished for trial in trials)
    once = sum(trial.merged_once for trial in trials)
    untouched = sum(trial.user_untouched for trial in trials)
    max_resume = max((trial.resume_seconds for trial in trials), default=0.0)
    console.print(f"finished {finished}/{len(trials)}, merged exactly once {once}/{len(trials)}, user's branch untouched {untouched}/{len(trials)}, max resume {max_resume:.1f} s")
    console.print(f"CPU: {cpu_model()} ({os.cpu_count()} logical CPUs)")
    if args.json:
        args.json.write_text(json.dumps({"sandbox": args.sandbox, "seed": args.seed, "typical_seconds": duration, "cpu": cpu_model(), "trials": [asdict(trial) for trial in trials]}, indent=2))
    return 0 if finished == once == untouched == len(trials) else 1


if __name__ == "__main__":
    sys.exit(main())
