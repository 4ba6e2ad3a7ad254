"""Fixtures for the serving tests: the real `interns serve` process on loopback with the real model.

The main server starts once per session (loading the engine costs seconds); tests needing other limits
start their own small one. Without the model's part packages the tests skip, saying why.
"""

from __future__ import annotations

import pytest

from support.serving import start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):
    """The shared server: 16 slots (the concurrency test fills them all), 4k context for `interns run`."""
    running = start_server(tmp_path_factory.mktemp("serve"), "--max-batch", "16", "--queue-size", "16", "--context-length", "4096")
    yield running
    running.stop()
