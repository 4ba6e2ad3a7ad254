"""The small parts (the exec wrapper itself runs only in containers: its `kill -9 -1` must never run
on the host): bounded output, the exec trailer, the image tag and the apt mirror lookup."""

from __future__ import annotations

from pathlib import Path

from interns.sandbox.exec_wrapper import parse_trailer
from interns.sandbox.image import debian_mirror, default_image_tag, recipe_hash
from interns.sandbox.output import BoundedOutput
from interns.sandbox.owner import Owner


def test_bounded_output_keeps_head_and_tail():
    output = BoundedOutput(head_bytes=10, tail_bytes=10)
    for chunk in (b"0123456789", b"abcdefghij" * 100, b"KLMNOPQRST"):
        output.write(chunk)
    text = output.text()
    assert text.startswith("0123456789\n[... 1000 bytes of output omitted ...]\n")
    assert text.endswith("KLMNOPQRST")
    small = BoundedOutput(10, 10)
    small.write("héllo".encode())
    assert small.text() == "héllo"


def test_trailer_needs_the_exact_nonce():
    assert parse_trailer(b"junk\nabc 3 0\n", "abc").exit_code == 3
    assert parse_trailer(b"abc 0 0\nabc 1 0\n", "abc").exit_code == 1  # the last line is the real one
    assert parse_trailer(b"abcd 3 0\n", "abc") is None
    assert parse_trailer(b"abc 0 -1\n", "abc").oom_kills == -1


def test_image_tag_is_derived_from_the_recipes():
    tag = default_image_tag()
    assert tag == f"interns-sandbox:{recipe_hash()}" and len(recipe_hash()) == 12
    assert recipe_hash() == recipe_hash()


def test_debian_mirror_from_deb822_and_one_line_sources(tmp_path: Path):
    apt = tmp_path / "apt"
    (apt / "sources.list.d").mkdir(parents=True)
    (apt / "sources.list.d" / "debian.sources").write_text(
        "Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\n\n"
        "Types: deb deb-src\nURIs: http://mirror.example/debian/\nSuites: bookworm\nComponents: main\n"
    )
    assert debian_mirror(apt) == "http://mirror.example/debian"
    one_line = tmp_path / "apt2"
    (one_line / "sources.list.d").mkdir(parents=True)
    (one_line / "sources.list").write_text("# comment\ndeb [arch=amd64] http://other.example/debian bookworm main\n")
    assert debian_mirror(one_line) == "http://other.example/debian"
    assert debian_mirror(tmp_path / "empty") == "http://deb.debian.org/debian"


def test_owner_liveness():
    me = Owner.current()
    assert me.is_alive()
    assert Owner.from_labels(me.as_labels()) == me
    recycled = Owner(me.host, me.boot_id, me.pid, "1")  # same pid, another start time
    assert not recycled.is_alive()
    assert not Owner(me.host, me.boot_id, 2**22 + 12345, "").is_alive()
    assert Owner("another-host", "", 1, "").is_alive()  # cannot be checked: assumed alive
