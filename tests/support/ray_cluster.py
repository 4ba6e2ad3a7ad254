"""A Ray cluster for tests, all on this machine and on loopback: `ray.cluster_utils.Cluster`, a head and
more nodes, each a raylet with its own workers and a few CPUs (Ray's count, not cores).

Ray turns 127.0.0.1 into the machine's outward address unless it is told it runs on one machine only
(RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0, read when ray is imported): that is set for this process and the
processes it starts, so the cluster, its workers and the `interns run` that joins it stay on loopback.
Tests skip, saying why, when the `ray` extra is missing.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

import pytest

LOOPBACK_ONLY = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
NODE = {"node_ip_address": "127.0.0.1"}


def ray_cluster(nodes: int = 3, cpus_per_node: int = 1) -> Iterator[Any]:
    """Start a cluster of `nodes` nodes (the first is the head), yield it (`.address` to join it,
    `.remove_node(node)` to kill one), stop it."""
    saved = {name: os.environ.get(name) for name in LOOPBACK_ONLY}
    os.environ.update(LOOPBACK_ONLY)
    pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={**NODE, "num_cpus": cpus_per_node, "include_dashboard": False})
    try:
        for _ in range(nodes - 1):
            cluster.add_node(**NODE, num_cpus=cpus_per_node)
        cluster.wait_for_nodes()
        yield cluster
    finally:
        cluster.shutdown()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
