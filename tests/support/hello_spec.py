"""The smallest valid spec: one task whose acceptance always passes (CLI tests that need a spec to read)."""

HELLO_SPEC = """---
id: hello
title: Hello
files: [hello.py]
accept: ["true"]
---
Write hello.py.
"""
