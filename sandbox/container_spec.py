"""How a sandbox container is made: the hardening defaults, in one place.

- no network (`none`), or the default bridge only while set-up commands run (then disconnected);
- commands run as the uid:gid that owns the worktree on the host, so files they create stay the user's;
  never as uid 0: a root-owned worktree is lent to an unprivileged stand-in uid for each command;
- PID 1 is docker's init (reaps orphans) keeping a `sleep` alive as a *different* uid (the keeper):
  a command's `kill -9 -1` (how every command's leftovers are killed) cannot touch it, and with every
  capability dropped the command's uid cannot signal the keeper even when it is 0;
- all capabilities dropped, no-new-privileges, read-only root fs, tmpfs /tmp and HOME;
- pids, memory (no swap) and CPU limits, file-size ulimit.

Set-up commands (`pip install -e .`) need the package index: machines behind a TLS-inspecting proxy
trust an extra CA, so the host's CA bundle (public certificates only) is mounted read-only over the
image's, and the host's proxy/index variables are passed to the set-up commands (never to the intern's).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from docker.types import Mount, Ulimit

from interns.sandbox.owner import Owner
from interns.sandbox.protocol import SandboxLimits

WORKSPACE = "/workspace"
HOME = "/home/sandbox"
LABEL_PREFIX = "interns"
SANDBOX_LABEL = "interns.sandbox"  # present on every container this project starts
RUN_LABEL = "interns.run"
TASK_LABEL = "interns.task"
POOL_LABEL = "interns.pool"  # "1" while a container waits unclaimed in the warm pool
NOBODY = 65534
# Commands' uid:gid when the worktree's owner is root: unprivileged, not `nobody` (the keeper's), not a
# system account, and unlikely to be a real user's on the host (files it owns exist only mid-command).
STAND_IN_UID = 10001
STAND_IN_GID = 10001
CONTAINER_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
_HOST_CA_BUNDLE_SOURCES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CERT")
_HOST_CA_BUNDLE_PATHS = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem")
SETUP_PASSTHROUGH_VARIABLES = (
    "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
    "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_DEFAULT_TIMEOUT",
)


def host_ca_bundle() -> Path | None:
    """The CA bundle the host's own tools trust (as named by the usual variables), if any."""
    candidates = [os.environ.get(name, "") for name in _HOST_CA_BUNDLE_SOURCES] + list(_HOST_CA_BUNDLE_PATHS)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).resolve()
    return None


def setup_passthrough_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in SETUP_PASSTHROUGH_VARIABLES if os.environ.get(name)}


@dataclass(frozen=True)
class SandboxUser:
    """The uid:gid commands run as inside the container; never 0.

    `owner` is set when the worktree's real owner is root: commands then run as the stand-in uid and
    the worktree is lent to it around each command (worktree_ownership.py), so what they write is
    root's again afterwards."""

    uid: int
    gid: int
    owner: tuple[int, int] | None = None  # (uid, gid) the worktree is given back to after each command

    @property
    def spec(self) -> str:
        return f"{self.uid}:{self.gid}"

    @property
    def lends_worktree(self) -> bool:
        return self.owner is not None

    @classmethod
    def for_worktree(cls, worktree: Path) -> SandboxUser:
        """The host user; when that is root (sudo, CI), the worktree's owner; when that is root too,
        the unprivileged stand-in uid, lent the worktree for each command (uid 0 inside, even without
        capabilities, would own every root-owned file it can see)."""
        if os.getuid() != 0:
            return cls(os.getuid(), os.getgid())
        info = worktree.stat()
        if info.st_uid != 0:
            return cls(info.st_uid, info.st_gid)
        return cls(STAND_IN_UID, STAND_IN_GID, owner=(info.st_uid, info.st_gid))

    def keeper(self) -> SandboxUser:
        """PID 1's uid: never the command's (its `kill -9 -1` must not reach it), never root."""
        keeper_id = NOBODY if self.uid != NOBODY else NOBODY - 1
        return SandboxUser(keeper_id, keeper_id)


@dataclass(frozen=True)
class ContainerSpec:
    """Everything that decides how a container is created (also the warm pool's key)."""

    image: str
    limits: SandboxLimits
    user: SandboxUser
    mount_source: Path  # host directory bound at /workspace
    with_network: bool  # True while set-up commands need it
    ca_bundle: Path | None = None  # the host's CA bundle, mounted for set-up commands

    @property
    def mounts_ca_bundle(self) -> bool:
        return self.with_network and self.ca_bundle is not None

    def create_kwargs(self, run_id: str, task_id: str, name: str, pooled: bool) -> dict:
        limits = self.limits
        memory = f"{limits.memory_mb}m"
        tmpfs_options = f"rw,exec,nosuid,nodev,size={limits.memory_mb}m,mode=1777"
        file_size = limits.file_size_mb * 1024 * 1024
        labels = {
            SANDBOX_LABEL: "1",
            RUN_LABEL: run_id,
            TASK_LABEL: task_id,
            POOL_LABEL: "1" if pooled else "0",
            **Owner.current().as_labels(),
        }
        return dict(
            image=self.image,
            command=["sleep", "infinity"],
            name=name,
            init=True,  # docker-init as PID 1 reaps the orphans a command leaves behind
            user=self.user.keeper().spec,
            working_dir=WORKSPACE,
            hostname="sandbox",
            network_mode="bridge" if self.with_network else "none",
            mounts=self._mounts(),
            read_only=True,
            tmpfs={"/tmp": tmpfs_options, HOME: tmpfs_options},
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            pids_limit=limits.pids,
            mem_limit=memory,
            memswap_limit=memory,  # no swap: a memory bomb meets the OOM killer, not the disk
            nano_cpus=int(limits.cpus * 1e9),
            ulimits=[Ulimit(name="fsize", soft=file_size, hard=file_size)],
            ipc_mode="private",
            labels=labels,
            detach=True,
        )

    def _mounts(self) -> list[Mount]:
        mounts = [Mount(target=WORKSPACE, source=str(self.mount_source), type="bind", read_only=False)]
        git_link = self.mount_source / ".git"
        if git_link.is_file() and not git_link.is_symlink():
            # the worktree's `.git` link, bound read-only over itself: a mount point cannot be written,
            # removed or renamed from inside, so no command can swap in a `.git` of its own
            mounts.append(Mount(target=f"{WORKSPACE}/.git", source=str(git_link), type="bind", read_only=True))
        if self.mounts_ca_bundle:
            mounts.append(Mount(target=CONTAINER_CA_BUNDLE, source=str(self.ca_bundle), type="bind", read_only=True))
        return mounts
