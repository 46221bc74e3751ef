"""Atomic writes keep the permissions a file should have (mkstemp alone gives 0600)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from cxmapper.model.atomic import _umask, write_atomic


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_file_follows_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path):
    new = write_atomic(tmp_path / "报告.json", "{}".encode())
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o666 & ~_umask()
    os.chmod(new, 0o640)
    write_atomic(new, b"[]")
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o640 and new.read_bytes() == b"[]"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.json"]


def test_umask_is_read_not_changed():
    before = os.umask(0o027)
    try:
        assert _umask() == 0o027
    finally:
        os.umask(before)
