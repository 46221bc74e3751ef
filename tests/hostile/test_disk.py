"""Disks that fail: a full disk at each write call, read-only targets, hard links,
names at the file system's limit, leftovers of killed writers, kill -9 during save.
Every case: a clean error, the previous file byte-identical, no temporary left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cxmapper.model import atomic
from cxmapper.model.atomic import ReadOnlyTarget, forcing, remove_stale_temporaries, write_atomic
from cxmapper.export.flat import export_flat_json
from cxmapper.export.tabular import export_csv
from cxmapper.model.fileformat import MapFileError, ReadOnlyMapError, backup_path, load_file, save_file
from tests.hostile import corpus

WRITE_CALLS = ["write", "fsync", "replace"]


def _full_disk(monkeypatch, call: str) -> None:
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, call, half_then_full if call == "write" else full)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("call", WRITE_CALLS)
def test_a_full_disk_at_any_write_call_keeps_the_old_export(tmp_path, monkeypatch, call):
    target = tmp_path / "out.json"
    target.write_bytes(b"good old bytes")
    _full_disk(monkeypatch, call)
    with pytest.raises(OSError) as info:
        write_atomic(target, b"new bytes" * 1000)
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"good old bytes"
    assert listing(tmp_path) == ["out.json"]


@pytest.mark.parametrize("call", WRITE_CALLS)
def test_a_full_disk_during_a_map_save_keeps_map_and_backup(tmp_path, monkeypatch, call):
    path = tmp_path / "m.cxmap"
    save_file(corpus.bank_map(1), path)
    save_file(corpus.bank_map(2), path)
    before, backup = path.read_bytes(), backup_path(path).read_bytes()
    _full_disk(monkeypatch, call)
    with pytest.raises(MapFileError, match="No space left on device.*unchanged"):
        save_file(corpus.bank_map(5), path)
    monkeypatch.undo()
    assert path.read_bytes() == before and backup_path(path).read_bytes() == backup
    assert listing(tmp_path) == ["m.cxmap", "m.cxmap.bak"]


@pytest.mark.parametrize("call", WRITE_CALLS)
def test_every_export_raises_on_a_full_disk(tmp_path, monkeypatch, call):
    doc = corpus.bank_map()
    export_csv(doc, tmp_path / "csv")
    export_flat_json(doc, tmp_path / "flat.json")
    before = {p: p.read_bytes() for p in [tmp_path / "flat.json", tmp_path / "csv" / "cards.csv"]}
    _full_disk(monkeypatch, call)
    with pytest.raises(OSError):
        export_flat_json(doc, tmp_path / "flat.json")
    with pytest.raises(OSError):
        export_csv(doc, tmp_path / "csv")
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in tmp_path.rglob("*.tmp")]


@pytest.mark.parametrize("kind", ["svg", "png"])
@pytest.mark.parametrize("call", WRITE_CALLS)
def test_a_picture_export_on_a_full_disk_fails_and_keeps_the_old_picture(tmp_path, monkeypatch, capsys, call, kind):
    """The old failure: 'wrote', exit 0, a good SVG replaced by a truncated one."""
    from cxmapper.cli import main

    map_path, picture = tmp_path / "m.cxmap", tmp_path / f"m.{kind}"
    save_file(corpus.bank_map(), map_path)
    picture.write_text("the good one")
    _full_disk(monkeypatch, call)
    code = main(["export", str(map_path), f"--{kind}", str(picture)])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert code != 0 and "wrote" not in out
    assert "No space left on device" in err and "Traceback" not in err
    assert picture.read_text() == "the good one"
    assert not list(tmp_path.glob(".*.tmp"))


def test_svg_is_well_formed_xml_whatever_the_title(tmp_path):
    from cxmapper.ui.picture import export_svg

    doc = corpus.bank_map()
    doc = doc.model_copy(update={"meta": doc.meta.model_copy(update={"title": "a\x01b\x1f\ufffe\uffff<&>\"'"})})
    cards = [card.model_copy(update={"title": "卡\x08片\x0b\uffff"}) for card in doc.cards]
    report = export_svg(doc.model_copy(update={"cards": cards}), tmp_path / "m.svg")
    root = ET.parse(tmp_path / "m.svg").getroot()  # raises on a document that is not well formed
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert title.startswith("a\ufffdb\ufffd") and "<&>" in title
    assert any("U+FFFD" in note for note in report.notes)


def test_a_read_only_map_is_not_replaced_unless_confirmed(tmp_path):
    path = tmp_path / "m.cxmap"
    save_file(corpus.bank_map(1), path)
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(ReadOnlyMapError, match="read-only"):
        save_file(corpus.bank_map(2), path)
    assert path.read_bytes() == before
    save_file(corpus.bank_map(2), path, force=True)
    assert len(load_file(path).cards) == 2
    assert path.stat().st_mode & 0o777 == 0o444  # confirmed: replaced, still read-only


def test_a_read_only_export_needs_force_on_the_command_line(tmp_path, capsys):
    from cxmapper.cli import main

    map_path, out = tmp_path / "m.cxmap", tmp_path / "flat.json"
    save_file(corpus.bank_map(), map_path)
    out.write_text("{}")
    out.chmod(0o444)
    assert main(["export", str(map_path), "--json", str(out)]) != 0
    err = capsys.readouterr().err
    assert "read-only" in err and "--force" in err and "Traceback" not in err
    assert out.read_text() == "{}"
    assert main(["export", str(map_path), "--json", str(out), "--force"]) == 0
    assert out.read_text() != "{}"


def test_forcing_is_scoped(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("x")
    target.chmod(0o444)
    with forcing():
        write_atomic(target, b"y")
    with pytest.raises(ReadOnlyTarget):
        write_atomic(target, b"z")
    assert target.read_bytes() == b"y"


def test_breaking_a_hard_link_is_said(tmp_path):
    path, other = tmp_path / "m.cxmap", tmp_path / "other-name.cxmap"
    save_file(corpus.bank_map(1), path)
    os.link(path, other)
    notes: list[str] = []
    atomic.note_handlers.append(notes.append)
    try:
        save_file(corpus.bank_map(2), path)
    finally:
        atomic.note_handlers.remove(notes.append)
    assert len(notes) == 1 and "hard link" in notes[0] and "previous version" in notes[0]
    assert len(load_file(other).cards) == 1 and len(load_file(path).cards) == 2


@pytest.mark.parametrize("length", [242, 250, 255])
def test_a_name_at_the_file_system_limit_saves_with_its_backup(tmp_path, length):
    name = "图" * ((length - 6) // 3) + "x" * ((length - 6) % 3) + ".cxmap"
    assert len(os.fsencode(name)) == length
    path = tmp_path / name
    save_file(corpus.bank_map(1), path)
    save_file(corpus.bank_map(2), path)
    assert len(load_file(path).cards) == 2
    assert len(load_file(backup_path(path)).cards) == 1
    assert all(len(os.fsencode(p.name)) <= 255 for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 2


def test_temporaries_of_killed_writers_are_removed_by_the_next_save(tmp_path):
    path = tmp_path / "m.cxmap"
    save_file(corpus.bank_map(1), path)
    old = [tmp_path / ".m.cxmap.0123abcd.tmp", tmp_path / ".m.cxmap.89ef4567.bak.tmp", tmp_path / ".m.cxmap.k3_x9zqa.tmp"]
    fresh = tmp_path / ".m.cxmap.fedcba98.tmp"  # maybe another program's save in progress
    stranger = tmp_path / ".m.cxmap.notes.tmp"  # not ours
    for leftover in old + [fresh, stranger]:
        leftover.write_bytes(b"half")
    long_ago = time.time() - 3600
    for leftover in old + [stranger]:
        os.utime(leftover, (long_ago, long_ago))
    save_file(corpus.bank_map(2), path)
    assert listing(tmp_path) == sorted(["m.cxmap", "m.cxmap.bak", fresh.name, stranger.name])
    assert remove_stale_temporaries(path, older_than=0) == [fresh]


KILLER = """
import sys
from cxmapper.model.fileformat import save_file
from tests.hostile.corpus import bank_map
path = sys.argv[1]
docs = [bank_map(300), bank_map(301)]
print("ready", flush=True)
n = 0
while True:
    save_file(docs[n % 2], path)
    n += 1
"""


def test_kill_9_during_saves_never_loses_the_map_or_its_backup(tmp_path):
    path = tmp_path / "m.cxmap"
    save_file(corpus.bank_map(300), path)
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        child = subprocess.Popen([sys.executable, "-c", KILLER, str(path)], stdout=subprocess.PIPE, env=env)
        try:
            assert child.stdout.readline() == b"ready\n"
            time.sleep(delay)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        assert len(load_file(path).cards) in (300, 301)
        assert len(load_file(backup_path(path)).cards) in (300, 301)
    # The temporaries a kill left are old news to the next save after STALE_SECONDS.
    assert remove_stale_temporaries(path, older_than=0) is not None
    save_file(corpus.bank_map(2), path)
    assert len(load_file(path).cards) == 2
