"""Model calls: the client (retries, streaming, usage, recording) and the backends behind a small
protocol, one file each (litellm, local, replay), chosen by registry.py."""
