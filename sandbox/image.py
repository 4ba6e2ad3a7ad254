"""The sandbox image: its content-derived tag, and building it with or without a registry.

Two recipes ship with the package: `Dockerfile` (slim Python base + git + pytest, for machines that can
pull) and `image_recipe.toml` (a Debian root fs made by debootstrap from the machine's configured
mirror, then `docker import`ed: works with no registry at all). The tag is
`interns-sandbox:<sha256(both recipes)[:12]>`, so a build happens only when a recipe changes and
`interns sandbox build` is a no-op when the tag already exists.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docker
import docker.errors

from interns.errors import SandboxError

IMAGE_REPOSITORY = "interns-sandbox"
RECIPE_LABEL = "interns.recipe"
_PACKAGE_DIR = Path(__file__).parent
DOCKERFILE = _PACKAGE_DIR / "Dockerfile"
DEBOOTSTRAP_RECIPE = _PACKAGE_DIR / "image_recipe.toml"
FALLBACK_MIRROR = "http://deb.debian.org/debian"
_PULL_TIMEOUT_S = 30.0

Log = Callable[[str], None]


def recipe_hash() -> str:
    digest = hashlib.sha256()
    for path in (DEBOOTSTRAP_RECIPE, DOCKERFILE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def default_image_tag() -> str:
    return f"{IMAGE_REPOSITORY}:{recipe_hash()}"


def image_exists(client: docker.DockerClient, tag: str) -> bool:
    try:
        client.images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False


def load_recipe() -> dict:
    return tomllib.loads(DEBOOTSTRAP_RECIPE.read_text())


def debian_mirror(apt_dir: Path = Path("/etc/apt")) -> str:
    """The Debian archive URI configured for apt (deb822 `.sources` or one-line `.list` files)."""
    candidates: list[Path] = []
    if (apt_dir / "sources.list").exists():
        candidates.append(apt_dir / "sources.list")
    candidates += sorted((apt_dir / "sources.list.d").glob("*.sources"))
    candidates += sorted((apt_dir / "sources.list.d").glob("*.list"))
    for path in candidates:
        try:
            text = path.read_text()
        except OSError:
            continue
        for uri in _deb_uris(text, deb822=path.suffix == ".sources"):
            if _is_main_debian_archive(uri):
                return uri.rstrip("/")
    return FALLBACK_MIRROR


def _deb_uris(text: str, deb822: bool) -> list[str]:
    uris: list[str] = []
    if deb822:
        for stanza in text.split("\n\n"):
            fields = {}
            for line in stanza.splitlines():
                if ":" in line and not line.lstrip().startswith("#"):
                    key, _, value = line.partition(":")
                    fields[key.strip().lower()] = value.strip()
            if "deb" in fields.get("types", "").split() and fields.get("enabled", "yes").lower() != "no":
                uris += fields.get("uris", "").split()
        return uris
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0] == "deb":
            words = [word for word in words[1:] if not word.startswith("[")]  # skip [options]
            if words:
                uris.append(words[0])
    return uris


def _is_main_debian_archive(uri: str) -> bool:
    path = uri.rstrip("/").rsplit("/", 1)[-1]
    return uri.startswith(("http://", "https://", "file:/")) and path == "debian"


def offline_build_blocker() -> str | None:
    """Why an offline (debootstrap) build cannot run here, or None when it can."""
    if shutil.which("debootstrap") is None:
        return "debootstrap is not installed (Debian/Ubuntu: `apt-get install -y debootstrap`)"
    if os.geteuid() != 0:
        return "debootstrap needs root: run `sudo interns sandbox build`"
    return None


@dataclass(frozen=True)
class BuildResult:
    tag: str
    built: bool  # False when the tag already existed
    method: str  # "existing" | "dockerfile" | "debootstrap"
    seconds: float


def build_image(
    client: docker.DockerClient,
    method: str = "auto",
    mirror: str | None = None,
    force: bool = False,
    log: Log = lambda line: None,
) -> BuildResult:
    """Make sure the default sandbox image exists; build it when missing (or `force`)."""
    if method not in ("auto", "dockerfile", "debootstrap"):
        raise SandboxError(f"unknown image build method {method!r} (auto, dockerfile or debootstrap)")
    tag = default_image_tag()
    started = time.monotonic()
    # One build at a time per recipe on this machine: concurrent runs wait, then find the tag.
    lock_path = Path(tempfile.gettempdir()) / f"interns-sandbox-build-{recipe_hash()}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if image_exists(client, tag) and not force:
            return BuildResult(tag, False, "existing", time.monotonic() - started)
        if method in ("auto", "dockerfile"):
            failure = _build_from_dockerfile(client, tag, log)
            if failure is None:
                _remove_stale_images(client, tag, log)
                return BuildResult(tag, True, "dockerfile", time.monotonic() - started)
            if method == "dockerfile":
                raise SandboxError(f"building {tag} from the Dockerfile failed: {failure}")
            log(f"no registry answers ({failure}); building offline from Debian's archive")
        _build_with_debootstrap(client, tag, mirror or debian_mirror(), log)
        _remove_stale_images(client, tag, log)
        return BuildResult(tag, True, "debootstrap", time.monotonic() - started)


def _remove_stale_images(client: docker.DockerClient, keep: str, log: Log) -> None:
    """Images of older recipes take disk for nothing; one still used by a container stays."""
    for image in client.images.list(name=IMAGE_REPOSITORY):
        for stale in (tag for tag in image.tags if tag != keep and tag.startswith(f"{IMAGE_REPOSITORY}:")):
            try:
                client.images.remove(stale)
                log(f"removed the outdated image {stale}")
            except docker.errors.APIError:
                pass


def _build_from_dockerfile(client: docker.DockerClient, tag: str, log: Log) -> str | None:
    """Build with `docker build`; returns why it failed (None on success)."""
    base = next(line.split()[1] for line in DOCKERFILE.read_text().splitlines() if line.startswith("FROM "))
    if not image_exists(client, base):
        failure = _pull_with_timeout(client, base)
        if failure:
            return f"cannot pull {base}: {failure}"
    log(f"building {tag} from {DOCKERFILE.name} (base {base})")
    try:
        client.images.build(
            path=str(_PACKAGE_DIR),
            dockerfile=DOCKERFILE.name,
            tag=tag,
            labels={RECIPE_LABEL: recipe_hash(), "interns.method": "dockerfile"},
            rm=True,
            network_mode="bridge",
        )
    except (docker.errors.BuildError, docker.errors.APIError) as error:
        return str(error)
    return None


def _pull_with_timeout(client: docker.DockerClient, image: str) -> str | None:
    outcome: list[str | None] = ["timed out"]

    def pull() -> None:
        try:
            client.images.pull(image)
            outcome[0] = None
        except docker.errors.APIError as error:
            outcome[0] = str(error.explanation or error)

    thread = threading.Thread(target=pull, daemon=True)
    thread.start()
    thread.join(_PULL_TIMEOUT_S)
    return outcome[0]


def _build_with_debootstrap(client: docker.DockerClient, tag: str, mirror: str, log: Log) -> None:
    blocker = offline_build_blocker()
    if blocker:
        raise SandboxError(f"cannot build the sandbox image {tag} offline: {blocker}")
    recipe = load_recipe()
    boot = recipe["debootstrap"]
    work = Path(tempfile.mkdtemp(prefix="interns-rootfs-", dir=_scratch_dir()))
    rootfs = work / "rootfs"
    log_path = work / "debootstrap.log"
    try:
        command = [
            "debootstrap",
            f"--variant={boot['variant']}",
            f"--components={','.join(boot['components'])}",
            f"--include={','.join(boot['packages'])}",
            boot["suite"],
            str(rootfs),
            mirror,
        ]
        log(f"debootstrap {boot['suite']} ({boot['variant']}) from {mirror}: takes a few minutes")
        with open(log_path, "wb") as log_file:
            completed = subprocess.run(command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if completed.returncode != 0:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise SandboxError(f"debootstrap failed (exit {completed.returncode}); last output:\n{tail}")
        _trim(rootfs, recipe["trim"])
        log(f"importing the root fs as {tag}")
        _import_rootfs(client, rootfs, tag, recipe["image"]["changes"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _scratch_dir() -> str:
    # debootstrap needs a real disk (mknod, several hundred MB): prefer /var/tmp over a tmpfs /tmp.
    return "/var/tmp" if os.access("/var/tmp", os.W_OK) else tempfile.gettempdir()


def _trim(rootfs: Path, trim: dict) -> None:
    for pattern in trim["remove"]:
        for match in glob.glob(str(rootfs / pattern)):
            path = Path(match)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    for directory in trim["make_dirs"]:
        (rootfs / directory).mkdir(parents=True, exist_ok=True)
    (rootfs / "home/sandbox").chmod(0o1777)


def _import_rootfs(client: docker.DockerClient, rootfs: Path, tag: str, changes: list[str]) -> None:
    repository, _, version = tag.partition(":")
    changes = [*changes, f"LABEL {RECIPE_LABEL}={recipe_hash()} interns.method=debootstrap"]
    tar = subprocess.Popen(
        ["tar", "--numeric-owner", "--xattrs", "-C", str(rootfs), "-c", "."],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert tar.stdout is not None
    try:
        client.api.import_image_from_stream(tar.stdout, repository=repository, tag=version, changes=changes)
    finally:
        tar.stdout.close()
        tar_error = tar.stderr.read().decode(errors="replace") if tar.stderr else ""
        tar.wait()
    if tar.returncode != 0:
        raise SandboxError(f"tar of the root fs failed (exit {tar.returncode}): {tar_error[-2000:]}")
    if not image_exists(client, tag):
        raise SandboxError(f"docker import did not create {tag}")
