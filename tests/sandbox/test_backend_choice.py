"""Choosing a backend: explicit names, the automatic choice failing closed, the local backend's warning."""

from __future__ import annotations

import pytest

from interns.errors import BadInputError, SandboxError
from interns.sandbox import NotIsolatedWarning, SandboxBackend, get_backend, select_backend
from interns.sandbox.local_backend import LocalBackend


def test_local_by_name_carries_its_not_isolated_warning():
    with pytest.warns(NotIsolatedWarning, match="NOT isolated"):
        choice = select_backend("local")
    backend = choice.backend
    assert isinstance(backend, LocalBackend) and isinstance(backend, SandboxBackend)
    assert backend.name == "local" and not backend.isolated
    assert backend.notice == choice.warning and "--sandbox local" in backend.notice


def test_unknown_backend_name_is_bad_input():
    with pytest.raises(BadInputError, match="unknown sandbox backend 'podman'"):
        get_backend("podman")


@pytest.mark.parametrize("name", [None, "auto"])
def test_auto_without_an_engine_fails_closed_naming_local(tmp_path, monkeypatch, recwarn, name):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    with pytest.raises(SandboxError, match="no usable sandbox") as raised:
        select_backend(name)
    assert "no Docker engine answers" in str(raised.value) and "`--sandbox local`" in str(raised.value)
    assert not [warning for warning in recwarn if issubclass(warning.category, NotIsolatedWarning)]


def test_docker_by_name_without_an_engine_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    with pytest.raises(SandboxError, match="no Docker engine answers"):
        get_backend("docker")


@pytest.mark.docker
def test_auto_with_engine_and_image_is_docker(sandbox_image):
    backend = get_backend(None)
    try:
        assert backend.name == "docker" and backend.isolated
    finally:
        backend.close()


@pytest.mark.docker
def test_docker_by_name_with_a_missing_user_image_raises(docker_client):
    with pytest.raises(SandboxError, match="not present"):
        get_backend("docker", image="interns-no-such-image:0")
