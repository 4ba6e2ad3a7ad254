"""The `docker` backend: one hardened container per intern task (see container_spec for the defaults).

Git stays on the host; the task's worktree is bind-mounted at /workspace. Each command runs under the
exec wrapper (exec_wrapper.py): merged output, leftovers killed when it returns, OOM kills counted.
A command that outlives its timeout is killed from a second exec (`kill -9 -1` as the command's uid);
if even that cannot run (a fork bomb holding the pids limit), the container is killed and restarted
(its tmpfs /tmp and HOME are then empty again; the worktree is untouched).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import re
import socket
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import docker
import docker.errors
import requests
from docker.models.containers import Container
from docker.utils.socket import frames_iter

from interns.errors import SandboxError
from interns.sandbox.container_spec import (
    HOME,
    POOL_LABEL,
    RUN_LABEL,
    SANDBOX_LABEL,
    WORKSPACE,
    CONTAINER_CA_BUNDLE,
    ContainerSpec,
    SandboxUser,
    host_ca_bundle,
    setup_passthrough_environment,
)
from interns.sandbox.docker_connection import connect_engine
from interns.sandbox.exec_wrapper import KILL_ALL, OOM_COUNTER, parse_trailer, wrapper_argv
from interns.sandbox.git_link import GitLinkGuard
from interns.sandbox.image import build_image, default_image_tag, image_exists, offline_build_blocker
from interns.sandbox.output import BoundedOutput
from interns.sandbox.owner import Owner
from interns.sandbox.protocol import ExecResult, SandboxRequest
from interns.sandbox.warm_pool import WarmPool
from interns.sandbox.worktree_ownership import lend, take_back

log = logging.getLogger(__name__)

TIMEOUT_EXIT_CODE = 124
OOM_EXIT_CODE = 137
_KILL_GRACE_S = 10.0  # after the kill exec, how long the command's stream may take to close
_STDERR_LIMIT = 64 * 1024
_STDERR = 2  # stream id in docker's multiplexed exec protocol
DEFAULT_POOL_SIZE = 0  # opt-in: a pooled task can see its sibling worktrees (see warm_pool.py)


def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_.-]+", "-", text).strip("-.")[:40] or "x"


class DockerSandbox:
    """One container bound to one task; concurrent `exec` calls run one after the other."""

    def __init__(
        self,
        backend: DockerBackend,
        spec: ContainerSpec,
        request: SandboxRequest,
        workdir: str,
        environment: dict[str, str],
    ) -> None:
        self.backend = backend
        self.spec = spec
        self.request = request
        self.workdir = workdir
        self.container: Container | None = None
        self._environment = environment
        self._worktree = Path(request.worktree).resolve()  # lent to the stand-in uid per command when root's
        self._git_link = GitLinkGuard(Path(request.worktree))  # a second line behind the read-only mount
        self._oom_seen = 0  # a fresh container's memory cgroup has counted no OOM kill yet
        self._stopped = False
        self._booted = threading.Event()
        self._boot_error: BaseException | None = None
        self._container_lock = threading.Lock()
        self._exec_lock = threading.Lock()
        self._api = backend.client.api

    def boot(self, make_container: Callable[[], Container]) -> None:
        """Get a started container and run the set-up commands; errors are kept for `exec` to raise
        (this runs in a background thread when the backend starts sandboxes in the background)."""
        try:
            container = make_container()
            with self._container_lock:
                self.container = container
                stopped = self._stopped
            if stopped:  # stop() came while the container was being made
                self.backend.remove_container(container)
                return
            self.backend.run_setup(self)
        except BaseException as error:
            self._boot_error = error
        finally:
            self._booted.set()

    def wait_ready(self) -> None:
        self._booted.wait()
        if self._boot_error is not None:
            if isinstance(self._boot_error, SandboxError):
                raise self._boot_error
            raise SandboxError(f"the sandbox of task {self.request.task_id} could not start: {self._boot_error}") from self._boot_error

    @property
    def container_id(self) -> str:
        self.wait_ready()
        assert self.container is not None
        return self.container.id

    def exec(self, command: str, timeout: float | None = None) -> ExecResult:
        if self._stopped:
            raise SandboxError(f"sandbox for task {self.request.task_id} is already stopped")
        self.wait_ready()
        with self._exec_lock:  # one command at a time: each one's clean-up kills all of the uid's processes
            result = self.exec_now(command, timeout)
        self._git_link.verify()  # TamperedError: the command replaced the worktree's .git
        return result

    def exec_now(self, command: str, timeout: float | None = None, extra_environment: dict[str, str] | None = None) -> ExecResult:
        """Run a command in the (started) container; set-up uses this before the sandbox is ready."""
        with self._worktree_lent():
            return self._exec_in_container(command, timeout, extra_environment)

    @contextlib.contextmanager
    def _worktree_lent(self) -> Iterator[None]:
        """A root-owned worktree belongs to the stand-in uid only while a command runs (see
        worktree_ownership.py): afterwards everything in it is the owner's again, before git looks."""
        user = self.spec.user
        if not user.lends_worktree:
            yield
            return
        try:
            lend(self._worktree, user.owner[0], user.uid)
        except OSError as error:
            self._take_back()
            raise SandboxError(f"cannot lend the worktree {self._worktree} to the sandbox's uid {user.uid}: {error}") from error
        try:
            yield
        finally:
            self._take_back()

    def _take_back(self) -> None:
        user = self.spec.user
        if user.owner is None:
            return
        try:
            take_back(self._worktree, user.uid, user.gid, *user.owner)
        except FileNotFoundError:  # the worktree itself is gone (removed at the task's end)
            pass
        except OSError as error:
            raise SandboxError(f"cannot give the worktree {self._worktree} back to its owner: {error}") from error

    def _exec_in_container(self, command: str, timeout: float | None, extra_environment: dict[str, str] | None) -> ExecResult:
        assert self.container is not None
        timeout = self.request.limits.command_timeout_s if timeout is None else timeout
        nonce = uuid.uuid4().hex
        output = BoundedOutput(self.backend.output_head_bytes, self.backend.output_tail_bytes)
        errors = BoundedOutput(_STDERR_LIMIT, _STDERR_LIMIT)
        started = time.monotonic()
        try:
            exec_id = self._api.exec_create(
                self.container.id,
                wrapper_argv(nonce, command),
                stdout=True,
                stderr=True,
                user=self.spec.user.spec,
                workdir=self.workdir,
                environment={**self._environment, **(extra_environment or {})},
            )["Id"]
            stream = _open_exec_stream(self._api, exec_id)
        except docker.errors.APIError as error:
            raise SandboxError(f"cannot run a command in the container of task {self.request.task_id}: {error}") from error
        reader = threading.Thread(target=_drain, args=(stream, output, errors), daemon=True)
        reader.start()
        reader.join(timeout)
        timed_out = reader.is_alive()
        notes: list[str] = []
        if timed_out:
            if not self._kill_all() or not _joined(reader, _KILL_GRACE_S):
                self._restart(f"a command outlived its {timeout:g} s timeout and could not be killed")
                notes.append("[interns: the sandbox container was restarted; /tmp and HOME are empty again]")
                if not _joined(reader, _KILL_GRACE_S):
                    _shutdown(stream)  # unblocks the reader for good
        seconds = time.monotonic() - started
        trailer = parse_trailer(errors.text().encode(), nonce)
        wrapper_exit = self._exit_code_of(exec_id)
        if trailer is not None and trailer.exit_code == wrapper_exit:
            exit_code, oom_kills = trailer.exit_code, trailer.oom_kills
        else:  # the wrapper itself was killed (timeout, OOM, the command's own `kill`): ask afresh
            exit_code = wrapper_exit
            self._kill_all()
            oom_kills = self._read_oom_counter()
        out_of_memory = oom_kills > self._oom_seen if oom_kills >= 0 else (exit_code == OOM_EXIT_CODE and not timed_out)
        if oom_kills >= 0:
            self._oom_seen = oom_kills
        text = output.text()
        if timed_out:
            notes.insert(0, f"[interns: command killed after its {timeout:g} s timeout]")
            exit_code = TIMEOUT_EXIT_CODE
        elif out_of_memory:
            notes.insert(0, f"[interns: out of memory: killed at the sandbox's {self.request.limits.memory_mb} MiB limit]")
        if notes:
            text = (text + "\n" if text and not text.endswith("\n") else text) + "\n".join(notes)
        return ExecResult(exit_code, text, seconds, timed_out=timed_out, out_of_memory=out_of_memory and not timed_out)

    def _exit_code_of(self, exec_id: str) -> int:
        try:
            code = self._api.exec_inspect(exec_id).get("ExitCode")
        except docker.errors.APIError:
            code = None
        return OOM_EXIT_CODE if code is None else int(code)

    def _run_helper(self, script: str) -> str | None:
        """Run a tiny sh script as the command's uid; None when the engine refuses (e.g. no pid left)."""
        try:
            exec_id = self._api.exec_create(self.container.id, ["sh", "-c", script], user=self.spec.user.spec)["Id"]
            return self._api.exec_start(exec_id).decode(errors="replace")
        except docker.errors.APIError as error:
            log.debug("helper exec failed in %s: %s", self.container.name, error)
            return None

    def _kill_all(self) -> bool:
        for _ in range(5):
            if self._run_helper(KILL_ALL) is not None:
                return True
            time.sleep(0.2)
        return False

    def _read_oom_counter(self) -> int:
        answer = self._run_helper(OOM_COUNTER)
        try:
            return int((answer or "").strip().splitlines()[-1])
        except (ValueError, IndexError):
            return -1

    def _restart(self, reason: str) -> None:
        assert self.container is not None
        log.warning("restarting sandbox container %s: %s", self.container.name, reason)
        try:
            self.container.kill()
        except docker.errors.APIError:
            pass
        try:
            self.container.start()
            self.backend.ensure_offline(self.container)
        except docker.errors.APIError as error:
            raise SandboxError(f"the container of task {self.request.task_id} could not be restarted: {error}") from error
        self._oom_seen = max(0, self._read_oom_counter())

    def stop(self) -> None:
        with self._container_lock:
            if self._stopped:
                return
            self._stopped = True
            container = self.container
        self.backend._forget(self)
        if container is not None:  # removing it also ends a set-up command still running
            self.backend.remove_container(container)
        self._booted.wait()
        if container is None and self.container is not None:
            self.backend.remove_container(self.container)
        try:
            self._take_back()  # whatever a command left is the owner's (idempotent after each command's own)
        except SandboxError as error:
            log.warning("%s", error)


def _open_exec_stream(api: docker.APIClient, exec_id: str):
    """The exec's raw multiplexed socket, without the client's read timeout: a command may stay
    silent for longer than any API timeout (docker-py's own stream keeps that timeout)."""
    sock = api.exec_start(exec_id, socket=True)
    for candidate in (sock, getattr(sock, "_sock", None)):
        if candidate is not None and hasattr(candidate, "settimeout"):
            candidate.settimeout(None)
    return sock


def _drain(sock, output: BoundedOutput, errors: BoundedOutput) -> None:
    try:
        for stream_id, chunk in frames_iter(sock, tty=False):
            (errors if stream_id == _STDERR else output).write(chunk)
    except Exception as error:  # the connection broke: the exit code path reports it
        log.debug("exec stream ended with %s", error)
    finally:
        try:
            sock.close()
        except OSError:
            pass


def _shutdown(sock) -> None:
    raw = getattr(sock, "_sock", sock)
    try:
        raw.shutdown(socket.SHUT_RDWR)
    except (OSError, AttributeError):
        pass


def _joined(thread: threading.Thread, timeout: float) -> bool:
    thread.join(timeout)
    return not thread.is_alive()


class DockerBackend:
    """Hardened containers on the local (or DOCKER_HOST) engine.

    `image`: the default image (config `sandbox.image`); a request's own `image` wins; without either,
    the recipe's tag `interns-sandbox:<hash>` is used (built on first use when it can be).
    `background_start` (default): `start` returns at once and the container starts while the intern
    asks its model; measured (bench/bench_sandbox.py) this hides the whole start (~0.45 s cold here).
    `pool_size`: warm containers kept per (image, limits, user, run directory). Off by default: a
    pooled container mounts the whole run directory, so a task could touch its sibling worktrees
    (including the integration worktree); it saves ~0.35 s per task that background start also saves.
    """

    name = "docker"
    isolated = True

    def __init__(
        self,
        client: docker.DockerClient | None = None,
        image: str | None = None,
        pool_size: int = DEFAULT_POOL_SIZE,
        background_start: bool = True,
        output_head_bytes: int = 64 * 1024,
        output_tail_bytes: int = 64 * 1024,
    ) -> None:
        self.client = client or connect_engine()
        self.background_start = background_start
        self.image = image
        self.output_head_bytes = output_head_bytes
        self.output_tail_bytes = output_tail_bytes
        self.notice: str | None = None
        self.pool = WarmPool(pool_size, self._make_container, self.remove_container)
        self._images_ready: dict[str, dict[str, str]] = {}  # image -> its environment
        self._image_lock = threading.Lock()
        self._live: weakref.WeakSet[DockerSandbox] = weakref.WeakSet()
        self._live_lock = threading.Lock()
        atexit.register(self.close)

    # -- images -----------------------------------------------------------------------------
    def resolve_image(self, requested: str | None = None) -> str:
        return requested or self.image or default_image_tag()

    def ensure_image(self, image: str | None = None) -> str:
        """The image exists afterwards (the project's default image is built when missing)."""
        image = self.resolve_image(image)
        with self._image_lock:
            if image in self._images_ready:
                return image
            if not image_exists(self.client, image):
                if image != default_image_tag():
                    raise SandboxError(f"sandbox image {image!r} is not present on the Docker engine (build or load it first)")
                log.warning("sandbox image %s is missing: building it now (`interns sandbox build`)", image)
                build_image(self.client, log=log.warning)
            config_env = self.client.images.get(image).attrs.get("Config", {}).get("Env") or []
            self._images_ready[image] = dict(item.partition("=")[::2] for item in config_env)
            return image

    def image_available(self, image: str | None = None) -> tuple[bool, str]:
        """(present or buildable, why not) without building."""
        image = self.resolve_image(image)
        if image_exists(self.client, image):
            return True, ""
        if image != default_image_tag():
            return False, f"image {image!r} is not present on the engine"
        blocker = offline_build_blocker()
        return (blocker is None, blocker or "")

    def _environment(self, image: str, request: SandboxRequest) -> dict[str, str]:
        image_path = self._images_ready[image].get("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        if not image_path.startswith(f"{HOME}/.local/bin"):
            image_path = f"{HOME}/.local/bin:{image_path}"
        return {
            "HOME": HOME,
            "USER": "sandbox",
            "LOGNAME": "sandbox",
            "TMPDIR": "/tmp",
            "PATH": image_path,
            **dict(request.env),
        }

    # -- containers -------------------------------------------------------------------------
    def _make_container(self, spec: ContainerSpec, run_id: str, task_id: str | None = None) -> Container:
        pooled = task_id is None
        name = f"interns-{_slug(run_id)}-{_slug(task_id or 'warm')}-{uuid.uuid4().hex[:6]}"
        kwargs = spec.create_kwargs(run_id, task_id or "", name, pooled=pooled)
        try:
            container = self.client.containers.create(**kwargs)
        except docker.errors.ImageNotFound as error:
            raise SandboxError(f"sandbox image {spec.image!r} is not present on the Docker engine") from error
        except docker.errors.APIError as error:
            raise SandboxError(f"cannot create a sandbox container: {error.explanation or error}") from error
        try:
            container.start()
        except docker.errors.APIError as error:
            self.remove_container(container)
            raise SandboxError(f"cannot start a sandbox container: {error.explanation or error}") from error
        return container

    def remove_container(self, container: Container) -> None:
        try:
            container.remove(force=True, v=True)
        except docker.errors.NotFound:
            pass
        except docker.errors.APIError as error:
            if "already in progress" not in str(error):
                log.warning("could not remove sandbox container %s: %s", container.name, error)
        except requests.exceptions.RequestException as error:  # the engine too slow to answer: leave it to `interns sandbox prune`
            log.warning("could not remove sandbox container %s (%s); `interns sandbox prune` removes it", container.name, error)

    def ensure_offline(self, container: Container) -> None:
        """Disconnect the container from every network (after set-up); verified, not assumed."""
        container.reload()
        for network_name, endpoint in (container.attrs["NetworkSettings"].get("Networks") or {}).items():
            if network_name in ("none", "host"):
                continue
            self.client.api.disconnect_container_from_network(container.id, endpoint.get("NetworkID") or network_name, force=True)
        container.reload()
        left = [name for name in (container.attrs["NetworkSettings"].get("Networks") or {}) if name != "none"]
        if left:
            raise SandboxError(f"container {container.name} is still attached to networks {left}")

    def _spec(self, image: str, request: SandboxRequest, user: SandboxUser, mount_source: Path) -> ContainerSpec:
        with_network = bool(request.setup)
        return ContainerSpec(image, request.limits, user, mount_source, with_network, host_ca_bundle() if with_network else None)

    def _pool_mount(self, request: SandboxRequest) -> tuple[Path, str] | None:
        """(run directory, working dir) when this worktree may share a warm container's mount: only
        when its parent directory is named after the run, so a pooled task can see nothing but
        sibling worktrees of its own run."""
        worktree = Path(request.worktree).resolve()
        if self.pool.size <= 0 or worktree.parent.name != request.run_id:
            return None
        return worktree.parent, f"{WORKSPACE}/{worktree.name}"

    def warm(self, request: SandboxRequest) -> bool:
        """Start filling the pool for the run of `request` now (e.g. when the run starts); returns
        False when this request's layout cannot use the pool."""
        mount = self._pool_mount(request)
        if mount is None:
            return False
        image = self.ensure_image(request.image)
        user = SandboxUser.for_worktree(mount[0])
        spec = self._spec(image, request, user, mount[0])
        self.pool.replenish(spec, request.run_id)
        return True

    def start(self, request: SandboxRequest) -> DockerSandbox:
        """A sandbox for the task. With `background_start` the container starts (and the set-up
        commands run) in a background thread, overlapping the intern's first model call; the first
        `exec` waits for it and raises SandboxError if it failed."""
        worktree = Path(request.worktree).resolve()
        if not worktree.is_dir():
            raise SandboxError(f"worktree {worktree} is not a directory")
        image = self.ensure_image(request.image)
        user = SandboxUser.for_worktree(worktree)
        pool_mount = self._pool_mount(request)
        warm: Container | None = None
        if pool_mount is not None:
            spec = self._spec(image, request, user, pool_mount[0])
            workdir = pool_mount[1]
            warm = self.pool.claim(spec)
            self.pool.replenish(spec, request.run_id)
        else:
            spec = self._spec(image, request, user, worktree)
            workdir = WORKSPACE
        environment = self._environment(image, request)
        if spec.mounts_ca_bundle:  # tools that bring their own CA list (certifi) get the host's too
            environment.update({name: CONTAINER_CA_BUNDLE for name in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CERT")})
        sandbox = DockerSandbox(self, spec, request, workdir, environment)
        with self._live_lock:
            self._live.add(sandbox)

        def make_container() -> Container:
            if warm is not None:
                self._rename_for_task(warm, request)
                return warm
            return self._make_container(spec, request.run_id, request.task_id)

        if self.background_start and (warm is None or request.setup):
            threading.Thread(target=sandbox.boot, args=(make_container,), daemon=True, name=f"sandbox-{request.task_id}").start()
        else:
            sandbox.boot(make_container)
            try:
                sandbox.wait_ready()
            except SandboxError:
                sandbox.stop()
                raise
        return sandbox

    def _rename_for_task(self, container: Container, request: SandboxRequest) -> None:
        # Labels are fixed at creation: the claimed container's name says which task it serves.
        try:
            container.rename(f"interns-{_slug(request.run_id)}-{_slug(request.task_id)}-{uuid.uuid4().hex[:6]}")
        except docker.errors.APIError as error:
            log.debug("could not rename %s: %s", container.name, error)

    def run_setup(self, sandbox: DockerSandbox) -> None:
        """The request's set-up commands, with network; then the container goes offline for good."""
        assert sandbox.container is not None
        request = sandbox.request
        passthrough = setup_passthrough_environment()
        for command in request.setup:
            result = sandbox.exec_now(command, extra_environment=passthrough)
            if not result.ok:
                raise SandboxError(
                    f"set-up command {command!r} failed for task {request.task_id} "
                    f"(exit {result.exit_code}):\n{result.output[-4000:]}"
                )
        if sandbox.spec.with_network:
            self.ensure_offline(sandbox.container)

    def _forget(self, sandbox: DockerSandbox) -> None:
        with self._live_lock:
            self._live.discard(sandbox)

    # -- clean-up ---------------------------------------------------------------------------
    def prune(self, run_id: str | None = None, *, force: bool = False) -> int:
        """Remove sandbox containers (of `run_id`, or of every run) whose owner process is dead;
        `force` removes live runs' containers too. Returns how many were removed."""
        labels = [SANDBOX_LABEL] + ([f"{RUN_LABEL}={run_id}"] if run_id is not None else [])
        try:
            # ignore_removed: another process (a concurrent prune, a stopping run) may remove one meanwhile
            containers = self.client.containers.list(all=True, filters={"label": labels}, ignore_removed=True)
        except (docker.errors.APIError, requests.exceptions.RequestException) as error:
            raise SandboxError(f"cannot list sandbox containers: {error}") from error
        removed = 0
        for container in containers:
            owner = Owner.from_labels(container.labels)
            if not force and owner is not None and owner.is_alive():
                continue
            self.remove_container(container)
            removed += 1
        return removed

    def close(self) -> None:
        """Remove the warm pool and every sandbox still running (also at interpreter exit)."""
        self.pool.close()
        with self._live_lock:
            live = list(self._live)
        for sandbox in live:
            sandbox.stop()


__all__ = ["DockerBackend", "DockerSandbox", "POOL_LABEL"]
