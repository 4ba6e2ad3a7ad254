"""Where an intern runs one task: behind the `InternExecutor` protocol, one file per backend.

    executor = executor_for(config.executor, ray_address=None)   # registry.py
    outcome = executor.run(context, task, base, carry)            # the orchestrator's intern node
    executor.close()

`in_process` (the default): the intern runs in the calling thread (LangGraph's Send fan-out gives each
task its own). `ray`: the intern runs as a Ray task on any node of a cluster (ray_executor.py on the
head, ray_worker.py on the node; the `ray` extra). Either way the orchestrator merges and re-validates
on the head.
"""
