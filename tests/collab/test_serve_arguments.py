"""``cxmapper serve``'s arguments that would give a link nobody can use: refused with a
sentence that says why, before anything is written to the store."""

from __future__ import annotations

import pytest

from cxmapper.cli import main


@pytest.mark.parametrize("ttl", ["0", "-2", "nan"])
def test_a_link_that_would_be_expired_at_once_is_refused(tmp_path, capsys, ttl):
    assert main(["serve", "--store", str(tmp_path), "--new-room", "--port", "9100", "--ttl", ttl]) == 2
    err = capsys.readouterr().err
    assert "--ttl" in err and "hours" in err
    assert not (tmp_path / "sessions.json").exists()


def test_a_new_room_link_needs_a_real_port(tmp_path, capsys):
    # before: "cxmap+ws://127.0.0.1:0/…", a link to port 0
    assert main(["serve", "--store", str(tmp_path), "--new-room", "--port", "0"]) == 2
    out, err = capsys.readouterr()
    assert "--port" in err and out == ""
    assert not (tmp_path / "sessions.json").exists()
